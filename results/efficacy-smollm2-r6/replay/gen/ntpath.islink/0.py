import os

def islink(path):
    return os.path.islink(path)
