def filemode(mode):
    """Convert a file's mode to a string of the form '-rwxrwxrwx'."""
