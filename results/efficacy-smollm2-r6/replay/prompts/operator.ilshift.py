def ilshift(a, b):
    """Same as a <<= b."""
