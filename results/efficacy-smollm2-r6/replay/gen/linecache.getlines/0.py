def getlines(filename, module_globals=None):
    if module_globals is None:
        return []
    with open(filename, 'r') as f:
        return [line.rstrip() for line in f]
