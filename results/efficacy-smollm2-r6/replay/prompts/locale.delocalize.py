def delocalize(string):
    """Parses a string as a normalized number according to the locale settings."""
