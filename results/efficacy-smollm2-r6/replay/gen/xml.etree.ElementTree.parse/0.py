from xml.etree import ElementTree

def parse_xml(source, parser=None):
    """Parse XML document into element tree.

    *source* is a filename or file object containing XML data,
    *parser* is an optional parser instance defaulting to XMLParser.

    Return an ElementTree instance.
    """
    return ElementTree(source, parser)
