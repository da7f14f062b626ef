import hashlib

def hash_pin(pin):
    '''
    Hash the user's 4-digit PIN for storage and return the digest.
    '''
    return hashlib.