def register(name, klass, instance=None, *, preferred=False):
    """Register a browser connector."""
