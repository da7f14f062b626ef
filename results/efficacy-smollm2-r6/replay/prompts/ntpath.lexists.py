def lexists(path):
    """Test whether a path exists.  Returns True for broken symbolic links"""
