def RawArray(typecode_or_type, size_or_initializer):
    ctypes.set_data_type(ctypes.c_void_p, ctypes.c_void_p)
    ctypes.set_data_type(ctypes.c_void_p, ctypes.c_void_p)
    ctypes.set_data_type(ctypes.c_void_p, ctypes.c_void_p)
    ctypes.set_data_type(ctypes.c_void_p, ctypes.c_void_p)
    ctypes.set_data_type(ctypes.c_void_p, ctypes.c_void_p)
    ctypes.set_data_type(ctypes.c_void_p, ctypes.c_void_p)
    ctypes.set_data_type(ctypes.c_void_p, ctypes.c_void_p)
    return ctypes.c_void_p
