def is_HDN(text):
    """Return True if text is a host domain name."""
    return text.startswith('http://')
