def global_enum(cls, update_str=False):
    def decorator(func):
        """wraps the function"""
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)
        return decorator
    return wrapper

def global_enum(cls, update_str=False):
    def decorator(func):
        """wraps the function"""
        def decorator_wrapper(*args, **kwargs):
            return func.__name__()()()
        return decorator_wrapper
    return decorator

@global_enum
def add(a, b):
    """adds a and b"""
    return a + b

@global_enum
def add_2(a, b):
    """adds a and b"""
    return a + b

@global_enum
def add_3(a, b):
    """adds a and b"""
    return a + b

@global_enum
def add_4(a, b):
    """adds a and b"""
    return a + b

@global_enum
def add_5(a, b):
    """adds a and b"""
    return a + b

@global_enum
def add_6(a, b):
    """adds a and b"""
    return a + b

@global_enum
def add_7(a, b):
    """ad
