def irshift(a, b):
    """Same as a >>= b."""
