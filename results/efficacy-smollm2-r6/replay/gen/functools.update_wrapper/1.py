def update_wrapper(wrapper, wrapped, assigned = None, updated = None):
    """Update a wrapper function to look like the wrapped function"""
    if assigned is None and not isinstance(wrapped):
        return wrapped
    if updated is not None and type(updated) == tuple:
        updated_attr = tuple(updated[i] for i in range(len(updated)))
        updated_func = getattr(wrapped, updated_attr)
        setattr(wrapped, updated_attr)
    elif updated is not None and type(updated) == tuple:
        updated_attr = tuple(updated[i] for i in range(len(updated)))
        updated_func = getattr(wrapped, updated_attr)
        setattr(wrapped, updated_attr)
    return wrapped
