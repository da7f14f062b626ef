import hashlib

def token_fingerprint(api_token):
    '''
    Return a short hash of the API token to store instead of the token itself.
    '''
    return hashlib.