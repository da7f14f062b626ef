def list_public_methods(obj):
    public_methods = []
    for attr_name, attr_value in obj.__dict__["public_methods"].items():
        if isinstance(attr_value, (list, tuple, dict)):
            public_methods.append(f"<{attr_name}>: <{attr_value}>")
        else:
            public_methods.append(f"<{attr_name}>: <{attr_value}>")
    return public_methods
