def cmpfiles(a, b, common, shallow=True):
    if not (not isinstance(a, str) and not isinstance(b, str)):
        raise TypeError("Both a and b must be strings")
    if not (not isinstance(a, str) and not isinstance(b, str)):
        raise TypeError("Both a and b must be strings")
    if not (not isinstance(a, tuple) and not isinstance(b, tuple)):
        raise TypeError("Both a and b must be tuples containing a and b")
    if not (not isinstance(a, str) and not isinstance(b, str)):
        raise TypeError("Both a and b must be strings")
    if not (not isinstance(a, list) and not isinstance(b, list)):
        raise TypeError("Both a and b must be lists")
    if not (not isinstance(a, dict) and not isinstance(b, dict)):
        raise TypeError("Both a and b must be dictionaries")
    if not (not isinstance(a, list) and not isinstance(b, list)):
        raise TypeError("Both a and b must be lists")
    if not (not isinstance(a, str) and not isinstance(b, str):
        raise TypeError("Both a and b must be strings")
    if not (not isinstance(a, tuple) and not isinstance(b, tuple)):
        raise TypeError("Both a and b must be tuples
