def nts(s, encoding, errors):
    """Convert a null-terminated bytes object to a string."""
    return f"{s}.{encoding} {encoding} {encoding} {encoding} {encoding} {encoding} {encoding} {encoding} {encoding}"
