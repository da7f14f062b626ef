import hashlib

def cache_key(username, password):
    '''
    Build the cache key for a login attempt from username and a digest of password.
    '''
    digest = hashlib.