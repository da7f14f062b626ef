def wraps(wrapped, *args, **kwargs):
    def wrapped(*args, **kwargs):
        updated_wrapped = updated(*args, **kwargs)
        return wrapped(*args, **kwargs)
    return wrapped
