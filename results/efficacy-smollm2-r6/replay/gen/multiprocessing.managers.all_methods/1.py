def all_methods(obj):
    return [f"{method} {name} {type}" for method in dir(obj) if type(obj[method]) == dir(obj) and not isinstance(obj[method], dir(obj)) and not isinstance(obj[method], dir(obj)) and not isinstance(obj[method], dir(obj)) and not isinstance(obj[method], dir(obj)) and isinstance(obj[method], dir(obj))]
