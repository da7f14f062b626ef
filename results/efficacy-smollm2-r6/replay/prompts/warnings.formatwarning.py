def formatwarning(message, category, filename, lineno, line=None):
    """Function to format a warning the standard way."""
