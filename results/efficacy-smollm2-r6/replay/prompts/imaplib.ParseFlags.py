def ParseFlags(resp):
    """Convert IMAP4 flags response to python tuple."""
