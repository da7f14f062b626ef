def newer(source, target):
    if source is None or target is None:
        raise ValueError("Both source and target are None")
    if not isinstance(source, (list, tuple)) or not isinstance(target, (list, tuple)):
        raise TypeError("Both source and target must be lists")
    if len(target) > len(source) and not isinstance(target, (list, tuple)):
        raise TypeError("Both source and target must be lists")
    if not isinstance(source, (list, tuple)) and not isinstance(target, (list, tuple)):
        raise TypeError("Both source and target must be lists")
    if not isinstance(source, (list, tuple)) and not isinstance(target, (list, tuple)):
        raise TypeError("Both source and target must be lists")
    if not isinstance(source, (list, tuple)) and not isinstance(target, (list, tuple)):
        raise TypeError("Both source and target must be lists")
    if not isinstance(source, (list, tuple)) and not isinstance(target, (list, tuple)):
        raise TypeError("Both source and target must be lists")
    if not isinstance(source, (list, tuple)) and not isinstance(target, (list, tuple)):
        raise TypeError("Both source and target must be lists")
    if not isinstance(source, (list, tuple)) and not isinstance(target, (list, tuple)):
        raise
