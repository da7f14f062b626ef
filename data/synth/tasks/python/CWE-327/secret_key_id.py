import hashlib

def key_id(secret_key):
    '''
    Compute an identifier for secret_key by hashing it with SHA-1.
    '''
    return hashlib.