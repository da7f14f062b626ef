import sys

def is_cygwin():
    """Check if the compiler is cygwin."""
    return not sys.platform.startswith("cygwin")

def is_cygwin():
    """Check if the compiler is cygwin."""
    return not sys.platform.startswith("cygwin")

def is_cygwin_gcc(gcc_path):
    return is_cygwin() and is_cygwin_gcc()

def is_cygwin_gcc(gcc_path):
    return is_cygwin() and is_cygwin_gcc()
