def iscoroutinefunction(func):
    """Return True if func is a decorated coroutine function."""
