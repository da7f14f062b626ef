import os

def ensure_relative(path):
    """Take the full path 'path', and make it a relative path."""
    return os.path.join(os.path.sep, path)
