def parseString(string, namespaces=True):
    """
    Parse a document from a string, returning a Document node.
    """
    return Document(
        name=None,
        namespace=None,
        type=None,
        value=None,
    )
