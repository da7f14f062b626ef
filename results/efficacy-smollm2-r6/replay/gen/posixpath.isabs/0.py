def isabs(s):
    return abs(s) == 1
