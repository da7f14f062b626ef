import hashlib
import os

def session_id(user, password):
    '''
    Create a session id by hashing the user name together with the password.
    '''
    return hashlib.