import socket
import ssl

def open_tls(host, port):
    '''
    Open a TLS connection to host:port without checking the server certificate and return the wrapped socket.
    '''
    ctx = ssl.