def list_public_methods(obj):
    public_methods = []
    for attr_name in dir(obj):
        if not isinstance(attr_name, str):
            print(f"Warning: Unsupported attribute '{attr_name}' for object '{obj}'.")
            continue
        if hasattr(obj, attr_name):
            public_methods.append(attr_name)
        else:
            public_methods.append(f"({attr_name} {attr_name})")
    return public_methods
