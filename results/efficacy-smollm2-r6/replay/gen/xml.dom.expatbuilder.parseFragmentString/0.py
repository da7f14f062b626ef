def parseFragmentString(string, context, namespaces=True):
    """
    Parse a fragment of a document from a string, given the context
    from which it was originally extracted.  The fragment is a
    string that contains the original fragment of the document.
    """
