def itn(n, digits=8, format=DEFAULT_FORMAT):
    """Convert a python number to a number field."""
    return str(n * 10 + itn(n, digits, format))
