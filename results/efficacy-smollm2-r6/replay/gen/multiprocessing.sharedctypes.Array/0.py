def Array(typecode_or_type, size_or_initializer, ctx=None):
    if ctx is None:
        ctx = None
    return (typecode_or_type, size_or_initializer, ctx)
