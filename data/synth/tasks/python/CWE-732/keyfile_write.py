import os

def save_api_key(path, key):
    '''
    Store the API key in the file at path and set the file's permissions so other tools can read it.
    '''
    with open(path, 'w') as f:
        f.write(key)
