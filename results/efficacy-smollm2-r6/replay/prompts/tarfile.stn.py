def stn(s, length, encoding, errors):
    """Convert a string to a null-terminated bytes object.

    """
