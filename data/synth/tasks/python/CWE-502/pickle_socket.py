import pickle
import socket

def receive_job(conn):
    '''
    Receive a serialized job object from the connected socket conn and return it.
    '''
    data = conn.recv(65536)
