import sys

def get_msvcr():
    if sys.version != "3.6.0" and not isinstance(sys.version_info[0], (int, float)) and not isinstance(sys.version_info[1], (int, float)):
    return None
