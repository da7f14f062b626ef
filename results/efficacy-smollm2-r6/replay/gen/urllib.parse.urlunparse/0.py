import re

def urlunparse(components):
    return re.sub(r'[?&*?|]', '', components[0])
