import os

def get_config_h_filename():
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pyconfig.h')
