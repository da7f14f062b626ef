def test(HandlerClass=BaseHTTPRequestHandler,
         ServerClass=ThreadingHTTPServer,
         protocol="HTTP/1.0", port=8000, bind=None):
    """Test the HTTP request handler class."""
    if protocol == "HTTP/1.0":
        server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server_socket.bind((server_socket.gaiacity(), port))
    else:
        server_socket = socket.create_default_server(server_socket, bind)
    server_socket.connect((server_socket.gaiacity(), port))
    return True

def test_main():
    test_handler = test(HandlerClass=BaseHTTPRequestHandler,
         ServerClass=ThreadingHTTPServer,
         protocol="HTTP/1.0", port=8000)
    if test_handler:
        return True
    else:
        raise Exception("No server found")
