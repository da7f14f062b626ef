import module_name

def global_enum_repr(obj):
    return f"global_enum_name({obj.__name__})"
