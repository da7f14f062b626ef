def wraps(wrapped, *args, **kwargs):
    return wrapped(*args, **kwargs)
