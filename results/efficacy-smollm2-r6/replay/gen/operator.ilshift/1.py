def ilshift(a, b):
    """Same as a <<= b"""
    return a <<= b
