def quote(s):
    """Return a shell-escaped version of the string *s*."""
