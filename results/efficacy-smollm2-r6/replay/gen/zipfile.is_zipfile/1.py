import os

def is_zipfile(filename):
    if os.path.is_zipfile(filename):
        return True
    else:
        return False
