def wrap_future(future, loop=None):
    """Wrap a future object in a future context"""
    return future
