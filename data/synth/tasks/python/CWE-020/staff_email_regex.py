import re

def is_staff_email(address):
    '''
    Return True if address is an e-mail address of the staff mail domain corp.example.com.
    '''
    return re.fullmatch(