def Value(typecode_or_type, *args, lock=None, ctx=None):
    """Return a synchronization wrapper for a Value"""
    return None
