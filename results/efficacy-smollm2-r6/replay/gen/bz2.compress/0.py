def compress(data, compresslevel=9):
    """Compress a block of data using a BZ2Compressor object."""
    compressed = None
    while True:
        try:
            compressed = compress(data, compresslevel)
        except Exception as e:
            print(f"Error: {e}")
            break
        if not compressed:
            break
    return data
