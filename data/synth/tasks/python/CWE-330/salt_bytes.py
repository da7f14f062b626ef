import random

def make_salt():
    '''
    Return 16 random bytes to use as a password salt.
    '''
    return bytes(