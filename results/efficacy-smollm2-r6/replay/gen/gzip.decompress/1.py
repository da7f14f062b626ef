def decompress(data):
    return "".join(str(chunk) for chunk in zip(*data[::-1]) if chunk)
