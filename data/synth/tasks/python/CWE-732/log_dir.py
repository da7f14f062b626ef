import os

def prepare_log_dir(path):
    '''
    Create the log directory at path if needed and make sure all users can write into it.
    '''
    os.makedirs(path, exist_ok=True)
