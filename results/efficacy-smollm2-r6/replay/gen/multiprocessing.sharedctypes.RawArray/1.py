import ctypes

def RawArray(typecode_or_type, size_or_initializer=None):
    ctypes_array = ctypes.c_void_array(typecode_or_type, size_or_initializer)
    return ctypes_array.create_from_ctypes_array(ctypes_array_create_from_memory(ctypes_array_create_from_memory(ctypes_array_create_from_memory(size_or_initializer))))
