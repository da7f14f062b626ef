def split(s, comments=False, posix=True):
    return s.split(r"\s*", r"\s*")
