def total_ordering(cls):
    """Class decorator that fills in missing ordering methods"""
