def ishex(c):
    return c.is_hex()
