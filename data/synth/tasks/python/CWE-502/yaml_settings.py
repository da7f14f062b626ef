import yaml

def read_settings(path):
    '''
    Open the YAML settings file at path and return its contents as a dictionary.
    '''
    with open(path) as f:
