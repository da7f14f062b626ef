def isabs(s):
    return abs(s) == abs(s)
