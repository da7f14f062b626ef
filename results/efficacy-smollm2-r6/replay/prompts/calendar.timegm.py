def timegm(tuple):
    """Unrelated but handy function to calculate Unix timestamp from GMT."""
