def decompress(data):
    def compress(chunk):
        return data[0] + data[1:] + data[2:] + chunk[3:]
    def bz2_decompress(chunk):
        return bz2_decompress(chunk)
    def bz2_decompress_chunk(chunk):
        return chunk[0] + bz2_decompress(chunk[1:]) + bz2_decompress_chunk(chunk[2:]) + chunk[3:])
    def decompress(chunk):
        return bz2_decompress(chunk)
    def bz2_decompress_chunk(chunk):
        return bz2_decompress_chunk(chunk)
    def decompress_chunk(chunk):
        return chunk[0] + bz2_decompress_chunk(chunk[1:]) + bz2_decompress_chunk(chunk[2:]) + chunk[3:])

def decompress_block(chunk):
    return bz2_decompress_chunk(chunk)

def decompress_chunk_block(chunk):
    return bz2_decompress_chunk(chunk)

def decompress_chunk_block(chunk):
    return bz2_decompress_chunk(chunk)

def decompress_block_chunk(chunk):
    return bz2_decompress_chunk(chunk)
