

def parse_value(text):
    '''
    Turn the setting value read from the user's config file (a number, list or dict literal) into a Python object.
    '''
    return 