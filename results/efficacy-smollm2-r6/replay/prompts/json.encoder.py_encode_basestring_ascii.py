def py_encode_basestring_ascii(s):
    """Return an ASCII-only JSON representation of a Python string


    """
