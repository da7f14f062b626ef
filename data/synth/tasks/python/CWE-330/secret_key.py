import random
import string

def flask_secret_key():
    '''
    Produce a random secret key string for the Flask application's sessions.
    '''
    return ''.join(