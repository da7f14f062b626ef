def add_callers(target, source):
    return [lambda x, y: x + y] + [x, y] + [x + y]
