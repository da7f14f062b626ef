def lineno():
    return 0
