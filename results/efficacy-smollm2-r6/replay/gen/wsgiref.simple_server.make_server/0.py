def make_server(host, port, app, server_class=WSGIServer, handler_class=WSGIRequestHandler):
    server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server_socket.bind((host, port))
    server_socket.listen(1)
    server_socket.close()
    return server_socket
