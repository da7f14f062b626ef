def split(s, comments=False, posix=True):
    """Split the string *s* using shell-like syntax."""
