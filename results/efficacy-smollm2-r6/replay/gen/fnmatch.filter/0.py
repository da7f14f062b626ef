def filter(names, pat):
    return [name for name in names if name in pat]
