def register(name, klass, instance=None, preferred=False):
    """Register a browser connector for a new browser connector."""
    if preferred:
        return f"register({name}, {klass}, {instance}, preferred")
    else:
        return f"register({name}, {klass}, {instance}, default")
