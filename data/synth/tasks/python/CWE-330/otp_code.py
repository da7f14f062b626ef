import random

def one_time_password():
    '''
    Return a random 6-digit one-time password as a string.
    '''
    return 