def parse(file, parser=None, bufsize=None):
    """Parse a file into a DOM by filename or file object."""
    if parser is None:
        parser = parser_by_filename
    if parser is not None:
        parser_by_filename = parser_by_filename.replace("file", f"{file}")
    with open(file, "r") as f:
        parser_by_filename = parser_by_filename.read(bufsize)
    return parser_by_filename
