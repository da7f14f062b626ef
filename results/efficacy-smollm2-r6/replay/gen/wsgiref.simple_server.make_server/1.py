import socket

def make_server(host, port, app, handler_class=WSGIRequestHandler):
    server_socket = socket.socket(socket.AF_INET, socket.GMT_UTC)
    server_socket.bind((host, port))
    server_socket.listen(4)
    server_socket.listen(1)
    return server_socket

def create_server(host, port, app):
    server_socket = make_server(host, port, app)
    server_socket.sendall(f"Server {app} started on {host} at {port} on {host}.")
    return server_socket
