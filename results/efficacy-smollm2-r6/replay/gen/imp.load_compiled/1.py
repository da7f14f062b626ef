def load_compiled(name, pathname, file=None):
    """**DEPRECATED**"""
