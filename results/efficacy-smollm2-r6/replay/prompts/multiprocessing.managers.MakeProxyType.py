def MakeProxyType(name, exposed, _cache={}):
    """Return a proxy type whose methods are given by `exposed`"""
