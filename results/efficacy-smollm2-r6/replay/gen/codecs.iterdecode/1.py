def iterdecode(iterator, encoding, errors='strict', **kwargs):
    decoded_iterator = iterator.decode(encoding=encoding, errors=errors, **kwargs)
    if not errors:
        return decoded_iterator
    return (
        "Iteration: " +
        f"Iteration: {decoded_iterator} "
        f"Encoding: {decoded_iterator.encode(errors=errors)} "
        f"Decoding: {decoded_iterator.encode(errors=errors)} "
    )
