def parse_header(line):
    """Parse a Content-type like header.

    Return the main content-type and a dictionary of options.
    """
