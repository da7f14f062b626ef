def RawArray(typecode_or_type, size_or_initializer):
    """Returns a ctypes array allocated from shared memory"""
