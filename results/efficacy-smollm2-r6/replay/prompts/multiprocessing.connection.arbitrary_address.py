def arbitrary_address(family):
    """Return an arbitrary free address for the given family"""
