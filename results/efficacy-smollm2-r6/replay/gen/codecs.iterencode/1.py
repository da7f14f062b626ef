def iterencode(iterator, encoding, errors='strict', **kwargs):
    """Encodes the input strings from the iterator using an IncrementalEncoder.

    Args:
        iterator: A sequence of iterators that can be used to create a new iterable.
        encoding: A string that will be used to encode the input strings.
        errors: A string that will be used to handle errors.
        **kwargs: A dictionary that will be passed to the IncrementalEncoder constructor.

    Returns:
        A new iterator that will be returned by the IncrementalEncoder constructor.
    """
    return iterator.to_iterator() + [f'{encode(x)}', encoding] + [f'{encode(y)}', error_encoding] + [f'{encode(x)}', error_encoding] + [f'{encode(y)}', error_encoding] + [f'{encode(x)}', error_encoding] + [f'{encode(y)}', error_encoding] + [f'{encode(x)}', error_encoding] + [f'{encode(y)}', error_encoding] + [f'{encode(x)}', error_encoding] + [f'{encode(y)}', error_encoding] + [f'{encode(x)}', error_encoding] + [f'{encode(y)}', error_encoding] + [f'
