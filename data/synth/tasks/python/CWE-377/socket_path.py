import tempfile
import socket

def make_unix_socket():
    '''
    Pick a temporary path, bind a Unix domain socket to it and return the socket.
    '''
    path = 