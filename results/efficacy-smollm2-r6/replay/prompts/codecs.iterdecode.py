def iterdecode(iterator, encoding, errors='strict', **kwargs):
    """Decoding iterator.

    Decodes the input strings from the iterator using an IncrementalDecoder.

    errors and kwargs are passed through to the IncrementalDecoder
    constructor.
    """
