def exists(path):
    """Test whether a path exists.  Returns False for broken symbolic links"""
