def wrap_future(future, *, loop=None):
    """Wrap concurrent.futures.Future object."""
