def set_loader(fxn):
    """Set the default loader for the given module."""
    def set_loader(module):
        if module.__name__ == "set_loader":
            return f"set_loader({module})"
    return f"set_loader({module})"
