import yaml

def parse_pipeline(text):
    '''
    Parse a CI pipeline definition given as YAML text and return the list of its stages.
    '''
    config = 