def ftperrors():
    """Return the set of errors raised by the FTP class."""
