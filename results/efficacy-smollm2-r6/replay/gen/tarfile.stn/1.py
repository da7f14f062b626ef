def stn(s, length, encoding="utf-8", errors="error"):
    """Converts a string to a null-terminated bytes object."""
    return bytes(s, encoding, encoding_table=encoding_table, errors=errors)
