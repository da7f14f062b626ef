def is_forking(argv):
    """Return whether commandline indicates we are forking"""
