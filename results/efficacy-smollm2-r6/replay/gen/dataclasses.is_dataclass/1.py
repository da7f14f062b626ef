def is_dataclass(obj):
    return isinstance(obj, dict) and type(obj) is not None
