import os

def get_makefile_filename():
    return os.path.join(os.path.dirname(__file__), 'main.py')
