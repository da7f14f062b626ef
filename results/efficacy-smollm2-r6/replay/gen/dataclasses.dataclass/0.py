def dataclass(cls, *args, **kwargs):
    """Add dunder methods based on the fields defined in the class."""
    if type(cls) is not type(cls):
        raise TypeError("type(cls) must be a class")
    if not type(cls) or not isinstance(cls, (list, tuple, dict, type(type(cls)))) and len(cls) != 3:
        raise TypeError("type(cls) must be a list of type(type(cls))")
    if not isinstance(cls, (list, tuple, dict, type(type(cls)))):
        raise TypeError("type(cls) must be a list of type(type(cls))")
    if not isinstance(cls, (list, tuple, dict, type(type(cls)))):
        raise TypeError("type(cls) must be a list of type(type(cls))")
    if not type(cls) is type(cls) and len(cls) != 3 and len(cls) != 3 and type(cls) in (list, tuple, dict, type(type(cls))):
        raise TypeError("type(cls) must be a list of type(type(cls))")
    if not isinstance(cls, (list, tuple, dict, type(type(cls)))):
        raise TypeError("type(cls) must be a list of type(type(cls
