def doc(thing, title='Python Library Documentation: %s', forceload=0, output=None, is_cli=False):
    """Display text documentation, given an object or a path to an object."""
    def doc_decorator(obj):
        return doc(obj, title, forceload, output)
    return doc_decorator

def doc(thing, title='Python Library Documentation: %s', forceload=0, output=None):
    """Display text documentation, given an object or a path to an object."""
    def doc_decorator(obj):
        return doc(obj, title, forceload, output)
    return doc_decorator

def doc_decorator(obj):
    return doc(obj, title, forceload, output)
