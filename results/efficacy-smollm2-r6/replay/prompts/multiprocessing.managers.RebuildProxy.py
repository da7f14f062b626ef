def RebuildProxy(func, token, serializer, kwds):
    """Function used for unpickling proxy objects."""
