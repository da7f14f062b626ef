import os

def convert_path(pathname):
    if os.path.isdir(pathname):
        pathname = os.path.join(os.path.split(pathname)[0], pathname)
    elif os.path.sep == '/' and os.path.split(pathname)[0] == '/'):
        pathname = os.path.split(pathname)[0] + '/' + os.path.sep
    else:
        raise ValueError("pathname must start with a slash.")

    return os.path.join(os.path.split(pathname)[0], pathname)
