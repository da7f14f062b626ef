import random
import string

def invite_code():
    '''
    Create an invitation code of 8 upper-case letters and digits that lets someone join the team.
    '''
    return ''.join(