import os

def isfile(path):
    return os.path.isfile(path)
