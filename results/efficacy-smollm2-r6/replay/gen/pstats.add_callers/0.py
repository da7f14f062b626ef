def add_callers(target, source):
    return [lambda: target, lambda: target + source]
