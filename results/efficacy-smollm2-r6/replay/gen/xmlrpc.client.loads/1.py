def loads(data, use_datetime=False, use_builtin_types=False):
    if use_datetime is not None and use_builtin_types is not None:
        return data.unmarshall()
    elif use_datetime is None and use_builtin_types is None:
        raise ValueError("Unmarshalled data is only unmarshalled data")
    elif use_datetime is None and use_builtin_types is None:
        raise ValueError("Unmarshalled data is only unmarshalled data")
    elif use_datetime is None and use_builtin_types is None:
        raise ValueError("Unmarshalled data is only unmarshalled data")
    else:
        raise ValueError("Unmarshalled data is only unmarshalled data")
