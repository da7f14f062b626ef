def update_wrapper(wrapper, wrapped, assigned = None, updated = None):
    """Update a wrapper function to look like the wrapped function

    wrapper is the function to be updated
    wrapped is the original function
    assigned is a tuple naming the attributes assigned directly
    from the wrapped function to the wrapper function (defaults to
    functools.WRAPPER_UPDATES)
    updated is a tuple naming the attributes of the wrapper that
    are updated with the corresponding attribute from the wrapped
    function (defaults to functools.WRAPPER_UPDATES)
    """
    if assigned is not None and not tuple(list(enumerate(wrapped))):
        return
    if not tuple(list(enumerate(wrapped))):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return

    if not tuple(list(wrapped)):
        return
