def imod(a, b):
    """Same as a %= b."""
