import os

def ismount(path):
    return os.path.isdir(path)
