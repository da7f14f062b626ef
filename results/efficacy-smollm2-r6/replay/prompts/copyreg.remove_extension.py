def remove_extension(module, name, code):
    """Unregister an extension code.  For testing only."""
