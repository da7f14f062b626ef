def loads(value, *, fmt=None, dict_type=dict):
    return load_from_bytes(value, str(value))
