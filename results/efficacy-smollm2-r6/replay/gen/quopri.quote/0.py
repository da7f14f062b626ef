def quote(c):
    return c.upper() + " " + c.lower()
