def execle(file, *args):
    exec(file, *args, **kwargs)
    return None
