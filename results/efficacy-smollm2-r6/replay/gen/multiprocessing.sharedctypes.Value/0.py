import smol

def Value(typecode_or_type, *args, lock=None):
    """Return a synchronization wrapper for a Value"""
    return smol.SyncValue(typecode_or_type, *args, **ctx)
