def listmailcapfiles():
    """Return a list of all mailcap files found on the system."""
