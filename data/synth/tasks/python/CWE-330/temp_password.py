import random
import string

def temporary_password():
    '''
    Make a temporary password of 12 characters for a new account.
    '''
    chars = string.ascii_letters + string.digits
    password = 