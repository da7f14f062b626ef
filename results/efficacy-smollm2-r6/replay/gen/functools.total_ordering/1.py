def total_ordering(cls):
    def decorator(func):
        def inner(cls):
            def inner_decorator(cls):
                return func()
            return inner
        return inner
    return decorator
