def parseFragmentString(string, context, namespaces=True):
    """
    Parse a fragment of a document from a string, given the context
    from which it was originally extracted.
    """
