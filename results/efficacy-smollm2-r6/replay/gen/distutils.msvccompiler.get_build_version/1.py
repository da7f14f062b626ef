import sys

def get_build_version():
    return sys.version.main_line
