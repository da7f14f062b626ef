def scanvars(reader, frame, locals):
    """Scan one logical line of Python and look up values of variables used."""
    for key, value in vars(reader):
        if isinstance(value, (list, tuple)):
            for i, v in enumerate(value):
                if isinstance(v, (int, float, str)):
                    if isinstance(value[i], (int, float)):
                        value[i] = value[i][:2]
                        value[i][:2] = value[i][:2]
                    if isinstance(value[i][0], (int, float)):
                        value[i][0] = value[i][0]
                    if isinstance(value[i][0], (int, float)):
                        value[i][0] = value[i][0]
                    if isinstance(value[i][0], (list, tuple)):
                        value[i][0] = value[i][0]
                    if isinstance(value[i][0], (str, str)):
                        value[i][0] = value[i][0]
                    if isinstance(value[i][0], (int, float)):
                        value[i][0] = value[i][0]
                    if isinstance(value[i][0], (list, tuple)):
                        value[i][0] = value[i][0]
                    if isinstance(value[i][0], (
