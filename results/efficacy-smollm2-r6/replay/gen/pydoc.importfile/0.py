def importfile(path):
    """Import a Python source file or compiled file given its path"""
    with open(path, "r") as f:
        return f.read()
