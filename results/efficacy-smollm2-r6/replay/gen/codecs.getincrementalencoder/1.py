def getincrementalencoder(encoding):
    if not isinstance(encoding, str) or not isinstance(encoding, (list, tuple), (None, None)):
        raise ValueError("Encoding must be a string or a list of strings or a tuple of strings")
    if not isinstance(encoding, (list, tuple, (None, None)), (None, None)) or not isinstance(encoding[0], (list, tuple), (None, None)) or not isinstance(encoding[1], (list, tuple), (None, None)):
        raise ValueError("Encoding must be a list of strings or a tuple of strings")
    if not isinstance(encoding[0], (list, tuple), (None, None)) or not isinstance(encoding[1], (list, tuple), (None, None)):
        raise ValueError("Encoding must be a list of strings or a tuple of strings")
    if not isinstance(encoding[0], (list, tuple), (None, None)) or not isinstance(encoding[1], (list, tuple, (None, None)), (None, None)):
        raise ValueError("Encoding must be a list of strings or a tuple of strings")
    return Encoder(encoding)

def Encoder(encoding):
    return Encoder(Encoding(encoding))
