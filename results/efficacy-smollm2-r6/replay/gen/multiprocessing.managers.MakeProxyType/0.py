def MakeProxyType(name, exposed, _cache={}):
    if isinstance(name, str):
        return type(name)()
    elif isinstance(name, (list, dict)):
        return type(name)()
    elif isinstance(name, (list, dict)):
        return type(name)()
    elif isinstance(name, (list, dict)):
        return type(name)()
    else:
        return type(name)()
    # Add your custom implementation here
