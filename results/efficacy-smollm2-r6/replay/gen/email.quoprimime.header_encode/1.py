def header_encode(header_bytes, charset='iso-8859-1'):
    """Encode a single header line with quoted-printable (like) encoding.

    Args:
        header_bytes: a string containing a header line with quoted-printable (like) encoding.

    Returns:
        the encoded header line with quoted-printable (like) encoding.

    Raises:
        ValueError: If the header line is not a string or if the charset is not
    specified.
    """
    if not isinstance(header_bytes, str) or not isinstance(header_bytes, (list, tuple, str, bytes, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str, str,
