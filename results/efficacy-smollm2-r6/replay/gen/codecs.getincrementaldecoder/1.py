def getincrementaldecoder(encoding):
    """
    Returns the IncrementalDecoder class or factory function for the given encoding.

    Raises a LookupError in case the encoding cannot be found or the codecs doesn't provide an incremental decoder.
    """
    if not isinstance(encoding, str) or not isinstance(encoding, str):
        raise LookupError("Encoding must be a string or a list of bytes")
    try:
        return IncrementalDecoder(encoding)
    except LookupError:
        raise LookupError("Encoding cannot be found or the codecs don't provide an incremental decoder.")
