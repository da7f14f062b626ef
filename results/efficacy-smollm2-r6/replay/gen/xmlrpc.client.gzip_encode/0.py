def gzip_encode(data):
    return b'small_bytes' * (len(data) / 4) + b'small_bytes' * (len(data) % 4) + b'gzip_compress' + b'gzip_decompress' + b'gzip_codecog' + b'gzip_codecog' + b'gzip_codecog' + b'gzip_codecog' + b'gzip_codecog' + b'gzip_codecog' + b'gzip_codecog' + b'gzip_codecog' + b'gzip_codecog'
