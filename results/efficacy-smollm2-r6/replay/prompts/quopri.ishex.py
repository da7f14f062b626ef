def ishex(c):
    """Return true if the byte ordinal 'c' is a hexadecimal digit in ASCII."""
