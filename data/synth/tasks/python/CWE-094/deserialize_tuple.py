

def parse_point(text):
    '''
    Parse a point like '(3, 4)' sent by the client into a tuple of numbers.
    '''
    return 