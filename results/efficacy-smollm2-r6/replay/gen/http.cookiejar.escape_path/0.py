import re

def escape_path(path):
    return re.sub(r'[^\w\s]+', '\\', path)
