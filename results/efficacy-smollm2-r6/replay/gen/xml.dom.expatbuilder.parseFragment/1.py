def parseFragment(file, context):
    """
    Parses a fragment of a document.

    The context is a file object, which is passed to the function.
    """
