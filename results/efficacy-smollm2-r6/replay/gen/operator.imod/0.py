def imod(a, b):
    return a % b
