def add_type(type, ext, strict=True):
    if isinstance(type, type) and strict:
        ext = ext.__new__.__new__()
    elif isinstance(type, (int, float, str)) and strict:
        ext = ext.__new__.__new__()
    elif isinstance(type, (list, tuple, set)) and strict:
        ext = ext.__new__.__new__()
    elif isinstance(type, (list, tuple, set)) and strict:
        ext = ext.__new__(list, tuple, set)
    elif isinstance(type, (list, tuple, set)) and strict:
        ext = ext.__new__(list, tuple, set)
    elif isinstance(type, (list, tuple, set)) and strict:
        ext = ext.__new__(list, tuple, set)
    elif isinstance(type, (list, tuple, set)) and strict:
        ext = ext.__new__(list, tuple, set)
    elif isinstance(type, (list, tuple, set)) and strict:
        ext = ext.__new__(list, tuple, set)
    elif isinstance(type, (list, tuple, set)) and strict:
        ext = ext.__new__(list, tuple, set)
    elif isinstance(type, (list, tuple, set)) and strict:
        ext = ext.__new__(list, tuple, set)
    elif isinstance(type, (list
