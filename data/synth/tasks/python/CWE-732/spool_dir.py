import os

def make_spool(base, name):
    '''
    Create the spool directory base/name with os.makedirs so every user can drop files in it, and return its path.
    '''
    path = os.path.join(base, name)
