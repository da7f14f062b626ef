def iterencode(iterator, encoding, errors='strict', **kwargs):
    """Encodes the input strings from the iterator using an IncrementalEncoder.

    Args:
        iterator (Iterable): The input iterable to be encoded.
        encoding (str): The encoding scheme to use.
        errors (str): The error message to be returned.
        **kwargs (dict): A dictionary of keyword arguments to be passed to the encoder.

    Returns:
        Iterable: The encoded string.
    """
    if not isinstance(iterator, (list, tuple, str)) or not isinstance(encoding, str):
        raise TypeError("Encoding must be a string")
    if not isinstance(errors, str):
        raise TypeError("Error message must be a string")
    if not isinstance(kwargs, dict):
        raise TypeError("Keyword arguments must be a dictionary")
    if not isinstance(**kwargs):
        raise TypeError("Keyword arguments must be a dictionary")
    if not isinstance(iterator, (list, tuple, str, list, tuple, str, str)) or not isinstance(error_message, str):
        raise TypeError("Error message must be a string")
    if not isinstance(**kwargs):
        raise TypeError("Keyword arguments must be a dictionary")
    encoder = IncrementalEncoder(encoding, **kwargs)
    return encoder.encode(error_message)
