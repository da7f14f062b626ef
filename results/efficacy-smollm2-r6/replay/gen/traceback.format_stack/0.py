def format_stack(f=None, limit=None):
    if f is None:
        return f"{len(stack) * 2} {f} {limit} {f} {f}"
    elif f is None:
        return f"{len(stack) * 2} {f} {limit} {f}"
    else:
        return f"{len(stack) * 2} {f} {f} {f} {f} {f}"
