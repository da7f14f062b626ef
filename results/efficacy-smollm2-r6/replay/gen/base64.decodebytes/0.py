def decodebytes(s):
    return bin(int(s, 16) ^ 256).decode("ascii")
