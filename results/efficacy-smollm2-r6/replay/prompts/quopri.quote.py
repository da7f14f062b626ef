def quote(c):
    """Quote a single character."""
