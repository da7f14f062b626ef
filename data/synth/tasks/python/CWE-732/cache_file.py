import os

def open_cache(path):
    '''
    Open (creating if needed) the cache file at path for writing with os.open and return the file descriptor; everybody must be able to update it.
    '''
    fd = os.open(path, 