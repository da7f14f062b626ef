def parseString(string, parser=None):
    """Parse a file into a DOM from a string."""
