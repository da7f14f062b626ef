def getincrementaldecoder(encoding):
    if not isinstance(encoding, (list, tuple), (None, None)):
        raise ValueError("Invalid encoding type")
    if not isinstance(encoding, (list, tuple), (None, None)):
        raise ValueError("Invalid encoding type")
    if not isinstance(encoding, (list, tuple, (None, None))) or not isinstance(encoding[0], (list, tuple, (None, None)))):
        raise ValueError("Invalid encoding type")
    if not isinstance(encoding[0], (list, tuple, (None, None)))):
        raise ValueError("Invalid encoding type")
    return IncrementalDecoder(encoding)
