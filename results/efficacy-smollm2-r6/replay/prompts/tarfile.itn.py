def itn(n, digits=8, format=DEFAULT_FORMAT):
    """Convert a python number to a number field.

    """
