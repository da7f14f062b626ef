def decompress(data):
    """Decompress a block of data."""
    def compress(data):
        if isinstance(data, bytes):
            return data.decode()
        elif isinstance(data, str):
            return data.decode()
        else:
            return data.encode()
    def compress_block(data):
        if isinstance(data, bytes):
            return data.encode()
        elif isinstance(data, str):
            return data.encode()
        else:
            return data.encode() + compress_block(data)
    def compress_block_by_chunk(chunk):
        if isinstance(chunk, bytes):
            return chunk.decode()
        elif isinstance(chunk, str):
            return chunk.encode()
        else:
            return compress_block_by_chunk(chunk)
    def compress_block_by_chunk_by_chunk(chunk):
        if isinstance(chunk, bytes):
            return [compress_block(chunk) for chunk in chunk.chunks()]
        elif isinstance(chunk, str):
            return [compress_block(chunk) for chunk in chunk.chunks()]
        else:
            return [compress_block_by_chunk(chunk) for chunk in chunk.chunks()]
    def compress_block_by_chunk_by_chunk(chunk):
        if isinstance(chunk, bytes):
            return [compress_block_by_chunk(chunk) for chunk in chunk.chunks()]
