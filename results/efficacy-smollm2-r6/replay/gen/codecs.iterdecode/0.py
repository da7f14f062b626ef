def iterdecode(iterator, encoding, errors='strict', **kwargs):
    """Decodes the input strings from the iterator using an IncrementalDecoder.

    Decodes the input strings from the iterator using the specified encoding.
    """
    decoder = IncrementalDecoder(encoding=encoding)
    decoder.init(errors=errors, **kwargs)
    return iterator.decode(decoding=decoder)
