import os

def realpath(filename, strict=False):
    if not os.path.exists(filename):
        return os.path.join(os.path.expanduser(filename), 'path.os')
    path_realpath = os.path.join(os.path.expanduser(filename), 'path.os')
    return path_realpath
