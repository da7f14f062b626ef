import yaml
import sys

def load_inventory():
    '''
    Read a YAML host inventory from standard input and return the hosts it lists.
    '''
    data = sys.stdin.read()
