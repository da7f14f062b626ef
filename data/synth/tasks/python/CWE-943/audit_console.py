import json
from pymongo import MongoClient

def query_shell():
    '''
    Small operator console: repeatedly read a JSON query from the keyboard
    and print the matching entries of the audit log, until an empty line.
    '''
    audit = MongoClient().ops.audit
    while True:
        line = input('query> ')
        if not line:
            break
        for entry in audit.find(