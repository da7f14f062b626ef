def countOf(a, b):
    return len(set(range(a, b + 1)) - set(range(a, b + 1)))
