def is_dataclass(obj):
    """Returns True if obj is a dataclass or an instance of a
    dataclass.
    """
