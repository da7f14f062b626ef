def ilshift(a, b):
    return a <<= b
