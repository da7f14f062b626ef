def isdir(s):
    """Return true if the pathname refers to an existing directory."""
