import random
import string

def make_reset_token(length=32):
    '''
    Return a random password-reset token of the given length made of letters and digits.
    '''
    chars = string.ascii_letters + string.digits
    return ''.join(