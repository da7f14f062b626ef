def RawValue(typecode_or_type, *args):
    """Returns a ctypes object allocated from shared memory"""
