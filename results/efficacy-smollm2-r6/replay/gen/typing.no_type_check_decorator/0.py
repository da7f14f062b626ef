def no_type_check_decorator(decorator):
    def wrapper(*args, **kwargs):
        return None
    return decorator(lambda: None, wrapper)
