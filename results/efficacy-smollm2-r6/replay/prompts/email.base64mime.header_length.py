def header_length(bytearray):
    """Return the length of s when it is encoded with base64."""
