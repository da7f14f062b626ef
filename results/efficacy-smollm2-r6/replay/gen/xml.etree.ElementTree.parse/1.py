def parse(source, parser=None):
    """Parse XML document into element tree."""
    if source is None:
        parser = ElementTree.fromstring(source)
    return parser.parse_tree()
