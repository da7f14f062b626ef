def unhex(s):
    """Get the integer value of a hexadecimal number."""
