import os
import socket

def open_control_socket(path):
    '''
    Bind a Unix socket at path and chmod it so that any local user can connect.
    '''
    s = socket.socket(socket.AF_UNIX)
    s.bind(path)
