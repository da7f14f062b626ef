def py_encode_basestring(s):
    """Return a JSON representation of a Python string


    """
