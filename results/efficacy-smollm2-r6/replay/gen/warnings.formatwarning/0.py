def formatwarning(message, category, filename, lineno):
    """Format a warning the standard way."""
    if not lineno:
        raise ValueError("Invalid lineno: {}".format(lineno))
    if category == "warning":
        with open(f"{filename}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.{category}.
