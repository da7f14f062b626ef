import sys

def read_literal():
    '''
    Read a Python literal (dict or list) from standard input and return it.
    '''
    text = sys.stdin.read()
    return 