def quoteattr(data, entities={}):
    """Escape and quote an attribute value.

    Escape &, <, and > in a string of data, then quote it for use as
    an attribute value.  The " character will be escaped as well, if necessary.
    Keys and values must all be strings.

    Keys and values must be escaped as needed.
    """
    if not isinstance(data, str):
        raise TypeError("data must be a string")
    if not isinstance(entities, dict):
        raise ValueError("entities must be a dictionary")
    if not isinstance(entities, (list, tuple)):
        raise TypeError("entities must be a list of dictionaries")
    if not isinstance(entities, (list, tuple)):
        raise TypeError("entities must be a list of dictionaries")
    if not isinstance(entities, (list, tuple)):
        raise TypeError("entities must be a list of dictionaries")
    if not isinstance(entities, (list, tuple)):
        raise TypeError("entities must be a list of dictionaries")
    if not isinstance(entities, (list, tuple)):
        raise TypeError("entities must be a list of dictionaries")
    if not isinstance(entities, (list, tuple)):
        raise TypeError("entities must be a list of dictionaries")
    if not isinstance(entities, (list, tuple)):
        raise TypeError("entities must be a list of dictionaries")
    if not isinstance(entities, (list, tuple)):
