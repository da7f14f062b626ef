def noheaders():
    """Return an empty email Message object."""
