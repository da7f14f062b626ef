def is_dataclass(obj):
    return type(obj) is type(dataclass)
