def read_values(base, key):
    """Return dict of registry keys and values.

    All names are converted to lowercase.
    """
