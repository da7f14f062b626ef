def iterencode(iterator, encoding, errors='strict', **kwargs):
    """Encoding iterator.

    Encodes the input strings from the iterator using an IncrementalEncoder.

    errors and kwargs are passed through to the IncrementalEncoder
    constructor.
    """
