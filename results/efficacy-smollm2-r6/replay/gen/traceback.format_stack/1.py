def format_stack(f=None, limit=None):
    return f"{f} {type(f)}"
