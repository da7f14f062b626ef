def randbelow(exclusive_upper_bound):
    """Return a random int in the range [0, n)."""
