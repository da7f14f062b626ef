def irshift(a, b):
    return a <<= b
