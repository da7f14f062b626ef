def quote(s):
    return s.replace("'", "&#x201C;")
