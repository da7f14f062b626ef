def get_overloads(func):
    """Return all defined overloads for *func* as a sequence."""
