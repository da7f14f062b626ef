import logging
import socket

logging.basicConfig(level=logging.INFO)

def serve(port):
    '''
    Accept TCP clients on port; log each message a client sends together with its address, and answer OK.
    '''
    srv = socket.create_server(('127.0.0.1', port))
    while True:
        conn, addr = srv.accept()
        data = conn.recv(4096).decode('utf-8', 'replace')
        logging.info(