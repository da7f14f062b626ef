def iscoroutine(obj):
    """Return True if obj is a coroutine object."""
