def compress(data, compresslevel=9):
    """Compress a block of data."""
    data_bin = data.bin()
    data_bin.extend(compress_bin(compress_bin(data_bin)))
    return data_bin

def compress_bin(data_bin):
    """Compress data using a BZ2Compressor."""
    data = data_bin.bin()
    return data_bin.bin() + data_bin.bin()
