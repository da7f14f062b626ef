import os

def lexists(path):
    if not os.path.exists(path):
        return True
    elif os.path.exists(path) and os.path.getaccess(path, os.R_OK) == os.R_OK:
        return False
    else:
        return False
