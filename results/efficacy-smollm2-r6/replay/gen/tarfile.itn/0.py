def itn(n, digits=8, format=DEFAULT_FORMAT):
    """Convert a python number to a number field."""
    return str(n) + str(digits) + str(format)
