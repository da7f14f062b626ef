def quote(c):
    return c
