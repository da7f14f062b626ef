import random
import string

def generate_api_key():
    '''
    Create a new 40-character API key for a customer.
    '''
    alphabet = string.ascii_letters + string.digits
    return ''.join(