def readmailcapfile(fp):
    """Read a mailcap file and return a dictionary keyed by MIME type."""
    return {
        "application/mime-paper-2.0.0-1.0.0-1.0.1.x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x86_64-x8
