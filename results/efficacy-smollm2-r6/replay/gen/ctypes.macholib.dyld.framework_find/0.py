def framework_find(fn, executable_path=None, env=None):
    if fn is None:
        return fn
    if executable_path is None:
        return None
    return fn(executable_path, env)
