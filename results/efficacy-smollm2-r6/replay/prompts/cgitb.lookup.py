def lookup(name, frame, locals):
    """Find the value for a given name in the given environment."""
