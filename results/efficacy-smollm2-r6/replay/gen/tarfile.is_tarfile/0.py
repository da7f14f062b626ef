import os

def is_tarfile(name):
    return os.path.isfile(os.path.join(os.path.dirname(name), "tar.tar.gz"))
