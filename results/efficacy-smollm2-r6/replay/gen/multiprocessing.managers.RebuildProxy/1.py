def RebuildProxy(func, token, serializer, kwds):
    """Function used for unpickling proxy objects."""
    return func(*[lambda:{}, *[*setattr(obj, **kwds, **{key: lambda: lambda: *kwds})] for key in kwds])
