import socket

def socket_client(address):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as socket:
        return socket.connect((address, 123))
