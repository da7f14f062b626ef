def noheaders():
    """Return an empty email message object."""
