def all_methods(obj):
    return [f"{method_name}={obj.__name__}({obj.__dict__[method_name])}`
