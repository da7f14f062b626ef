import random

def new_session_token():
    '''
    Generate a new random session token as a hex string.
    '''
    return 