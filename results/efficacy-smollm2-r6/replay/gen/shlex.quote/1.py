def quote(s):
    return s.replace("'", "\\'")
