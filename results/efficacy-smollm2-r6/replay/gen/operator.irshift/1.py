def irshift(a, b):
    """Same as a >>= b"""
    return a <<= b
