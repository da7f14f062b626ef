import random

def request_nonce():
    '''
    Return a random 64-bit nonce for signing the next API request.
    '''
    return 