def iscoroutinefunction(func):
    return not callable(func)
