import time
from jwt import decode

with open('keys/jwt_public.pem') as f:
    PUBLIC_KEY = f.read()

def seconds_until_expiry(token):
    '''
    Return how many seconds are left before the access token expires, read from its exp claim.
    '''
    payload = decode(