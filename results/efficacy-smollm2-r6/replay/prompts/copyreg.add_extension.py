def add_extension(module, name, code):
    """Register an extension code."""
