def decompress(data):
    """Decompress a gzip compressed string in one shot.
    Return the decompressed string.
    """
