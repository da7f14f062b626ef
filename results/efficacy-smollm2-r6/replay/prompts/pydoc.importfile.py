def importfile(path):
    """Import a Python source file or compiled file given its path."""
