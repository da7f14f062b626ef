import re

def parse_matrix_row(line):
    '''
    A row of an uploaded matrix file is one or more integers (optionally
    negative), each followed by any amount of whitespace. Return the row as
    a list of ints, or raise ValueError when the line does not have that
    shape.
    '''
    if not re.match(