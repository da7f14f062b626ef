def parseString(string, parser=None):
    """Parse a file into a DOM from a string."""
    if parser is None:
        parser = parser_from_string_to_dict()
    return parser.parse(string, parser)
