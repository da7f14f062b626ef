def unquote(string, encoding='utf-8', errors='replace'):
    """
    Replaces %xx escapes by their single-character equivalent. The optional
    encoding and errors parameters specify how to decode percent-encoded
    sequences into Unicode characters, as accepted by the bytes.decode()
    method.
    """
