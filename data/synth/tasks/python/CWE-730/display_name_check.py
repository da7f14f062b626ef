import re

def is_valid_display_name(name):
    '''
    Registration form check: a display name consists of one or more words
    made of ASCII letters, each word optionally followed by spaces, e.g.
    "Ada Lovelace". Return True when name has exactly that shape.
    '''
    return re.fullmatch(