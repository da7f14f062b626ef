def add_callers(target, source):
    """Combine two caller lists in a single list."""
