def isfile(path):
    """Test whether a path is a regular file"""
