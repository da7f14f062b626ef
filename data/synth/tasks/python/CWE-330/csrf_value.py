import random

def csrf_token():
    '''
    Return a fresh CSRF token for the form.
    '''
    token = 