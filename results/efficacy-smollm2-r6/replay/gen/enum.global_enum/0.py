import smol

def global_enum(cls, update_str=False):
    def decorator(cls):
        def decorator_func(*args, **kwargs):
            return getattr(cls, cls.__name__)(*args, **kwargs)
        return decorator
    return decorator

def global_repr(cls, update_str=False):
    def decorator_func(cls):
        def decorator_func_cls(cls):
            return cls.__name__()(*cls.__dict__)
        return decorator_func_cls
    return decorator

def global_repr_decorator(cls, update_str=False):
    def decorator_func(cls):
        def decorator_func_cls(cls):
            return cls.__name__()(*cls.__dict__)
        return decorator_func_cls
    return decorator

def global_repr_decorator_decorator(cls, update_str=False):
    def decorator_func(cls):
        def decorator_func_cls(cls):
            return cls.__name__()(*cls.__dict__)
        return decorator_func_cls
    return decorator
