def decodebytes(s):
    return bytes(s, b'x', 8)
