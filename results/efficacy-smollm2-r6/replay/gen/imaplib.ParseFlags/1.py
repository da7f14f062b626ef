def ParseFlags(resp):
    """Convert IMAP4 flags response to python tuple."""
    return tuple(map(int, map(int, resp['flags'])))
