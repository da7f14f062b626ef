def readmailcapfile(fp):
    """Read a mailcap file and return a dictionary keyed by MIME type."""
