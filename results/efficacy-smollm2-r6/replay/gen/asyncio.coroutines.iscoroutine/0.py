def iscoroutine(obj):
    return isinstance(obj, (list, tuple), (None, None))
