def quoteattr(data, entities={}):
    """Escape and quote an attribute value.

    Escape &, <, and > in a string of data, then quote it for use as
    an attribute value.  The " character will be escaped as well, if necessary.
    Keys and values must all be strings; keys must be replaced with their
    corresponding values.

    Args:
    data: A string of data, each character of which is a string of data.
    entities: A dictionary of entities to escape.

    Returns:
    The escaped string.
    Raises:
    ValueError: If the data is not a string of data.
    """
    if not isinstance(data, str):
        raise ValueError("data must be a string of data.")
    if not isinstance(entities, dict):
        raise ValueError("entities must be a dictionary of entities.")
    if not isinstance(entities, (list, tuple)):
        raise ValueError("entities must be a list or tuple of entities.")
    if not all(isinstance(key, str) and isinstance(value, str) and isinstance(value, str) and isinstance(value, dict) for key, value in entities.items()):
        raise ValueError("key must be a string of data.")
    if not isinstance(entities, dict):
        raise ValueError("entities must be a dictionary of entities.")
    if not isinstance(data, str):
        raise ValueError("data must be a string of data.")
