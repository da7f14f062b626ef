def extract_stack(f=None, limit=None):
    if f is None:
        return f
    return f(f, None, limit)
