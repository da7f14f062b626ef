import hashlib

def check_password(password, stored_hash):
    '''
    Return True when password matches the stored MD5-style hex hash.
    '''
    digest = hashlib.