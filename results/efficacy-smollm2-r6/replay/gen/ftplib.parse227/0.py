import socket

def parse227(resp):
    try:
        return socket.gethostbyaddr(f"227 {resp}")
    except Exception as e:
        raise Exception(f"Error parsing 227 response: {e}")
