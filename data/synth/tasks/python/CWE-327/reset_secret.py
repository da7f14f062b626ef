import hashlib
import time

def reset_code(user_email, secret):
    '''
    Derive a password-reset code from the user's email, the secret and the current hour.
    '''
    h = hashlib.