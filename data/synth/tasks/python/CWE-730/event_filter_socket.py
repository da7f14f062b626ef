import re
import socket

def serve_event_filter(event_names, port=9100):
    '''
    Tiny TCP service for the monitoring team: a client connects and sends
    one line containing an event-type filter such as "disk.full"; reply with
    every name in event_names that contains it, one per line.
    '''
    with socket.create_server(('', port)) as srv:
        conn, _ = srv.accept()
        with conn:
            wanted = conn.recv(1024).decode().strip()
            rx = re.compile(