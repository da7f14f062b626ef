import sys

def get_msvcr():
    """Returns the MSVC runtime library."""
    if sys.version_info[0] == 3 and sys.version_info[1] == 7:
        return sys.getexecutable()
    else:
        return None
