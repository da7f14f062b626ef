def countOf(a, b):
    """Return the number of items in a which are, or which equal, b."""
