def formatwarning(message, category, filename, lineno, line=None):
    """Function to format a warning the standard way."""
    if not filename:
        filename = "warning.txt"
    with open(filename, "w") as f:
        f.write(f"{category} {message}\n")
        f.write(f"    {lineno} {lineno}\n")
