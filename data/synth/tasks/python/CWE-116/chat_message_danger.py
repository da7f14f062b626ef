import re

def is_dangerous(message):
    '''
    Return True when a chat message contains an HTML script element or a javascript: URL.
    '''
    return bool(re.search(