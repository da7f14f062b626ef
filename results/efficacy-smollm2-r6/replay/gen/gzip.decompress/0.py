def decompress(data):
    return data.decode()
