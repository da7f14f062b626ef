def decodebytes(s):
    """Decode a bytestring of base-64 data into a bytes object."""
