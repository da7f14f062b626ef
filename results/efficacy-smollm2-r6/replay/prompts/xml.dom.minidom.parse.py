def parse(file, parser=None, bufsize=None):
    """Parse a file into a DOM by filename or file object."""
