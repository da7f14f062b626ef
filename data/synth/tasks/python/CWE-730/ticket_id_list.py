import re

def parse_ticket_ids(text):
    '''
    The bulk-close form takes a list of numeric ticket ids separated by
    commas, with optional spaces around each comma ("1042, 1043,1050").
    Validate the whole input and return the ids as ints; raise ValueError
    for anything else.
    '''
    if not re.fullmatch(