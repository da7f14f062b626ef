def getincrementalencoder(encoding):
    if not isinstance(encoding, (list, tuple), None) or not isinstance(encoding, (list, tuple)):
        raise ValueError("The encoding must be a list or tuple of bytes.")
    if not isinstance(encoding, (list, tuple)):
        raise ValueError("The encoding must be a list or tuple of bytes.")
    if not isinstance(encoding, (list, tuple)):
        raise ValueError("The encoding must be a list or tuple of bytes.")
    return IncrementalEncoder(encoding)
