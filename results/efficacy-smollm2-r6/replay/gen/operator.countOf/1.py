def countOf(a, b):
    return len(set([x for x in range(min(a, b)) if a == b]))
