def filter(names, pat):
    return [name for name in names if not isinstance(name, str) and not isinstance(pat, str) and not isinstance(pat, str) and not isinstance(name, (str, int, float))]
