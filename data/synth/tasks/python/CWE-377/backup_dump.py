import tempfile
import json

def dump_state(state):
    '''
    Serialize the state dictionary as JSON into a new temporary file and return its path.
    '''
    path = 