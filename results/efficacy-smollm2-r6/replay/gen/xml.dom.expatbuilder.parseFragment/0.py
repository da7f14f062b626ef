import os

def parseFragment(file, context, namespaces=True):
    """
    Parse a fragment of a document, given the context from which it
    was originally extracted.  The context is the parent of the
    node(s) which are in the fragment.

    The context is either a file object or a string.
    """
    if not isinstance(file, (str, str)) or not isinstance(context, (str, str)):
        raise TypeError("The context must be a string or a file object.")

    if not isinstance(context, (str, str)) or not isinstance(file, (str, str)):
        raise TypeError("The file must be a string or a file object.")

    if not isinstance(context, (str, str)) or not isinstance(file, (str, str)):
        raise TypeError("The file must be a string or a file object.")

    if isinstance(file, str):
        file_path = os.path.join(os.path.join(file, 'file.txt'))
        with open(file_path, 'r') as f:
            fragments = [fragment.split('\n') for fragment in f.readlines()]
            fragments = [fragment.split('\n') for fragment in fragments]
            fragments = [fragment.split(',')[0] for fragment in fragments]
            fragments = [fragment.split(',')[1
