import hashlib

def hash_password(password):
    '''
    Return the hex digest to store in the users table for password.
    '''
    return hashlib.