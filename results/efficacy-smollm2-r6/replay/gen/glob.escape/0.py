import re

def escape(pathname):
    return re.sub(r'[^a-zA-Z0-9]', '', pathname)
