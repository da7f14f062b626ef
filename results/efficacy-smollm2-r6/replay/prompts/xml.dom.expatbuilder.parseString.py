def parseString(string, namespaces=True):
    """Parse a document from a string, returning the resulting
    Document node.
    """
