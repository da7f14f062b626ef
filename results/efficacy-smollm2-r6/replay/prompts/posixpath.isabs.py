def isabs(s):
    """Test whether a path is absolute"""
