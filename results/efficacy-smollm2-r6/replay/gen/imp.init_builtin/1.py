def init_builtin(name):
    return None
