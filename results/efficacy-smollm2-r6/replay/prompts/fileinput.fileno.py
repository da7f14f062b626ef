def fileno():
    """Return the file number of the current file. When no file is currently
    opened, returns -1.
    """
