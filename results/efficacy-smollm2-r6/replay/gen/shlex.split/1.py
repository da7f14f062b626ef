def split(s, comments=False, posix=True):
    """Split the string *s* using shell-like syntax."""
    return s.split(r"\s*", maxsplit=len(s))
