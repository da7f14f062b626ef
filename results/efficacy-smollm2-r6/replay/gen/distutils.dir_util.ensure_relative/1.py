import os

def ensure_relative(path):
    return os.path.join(os.path.relpath(path, os.path.sep), os.path.sep)
