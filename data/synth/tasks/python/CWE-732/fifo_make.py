import os

def make_fifo(path):
    '''
    Create a named pipe at path that all users can read and write.
    '''
    os.mkfifo(path, 