def no_type_check_decorator(decorator):
    def decorator_decorator(func):
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)
        return decorator_decorator
    return decorator_decorator
