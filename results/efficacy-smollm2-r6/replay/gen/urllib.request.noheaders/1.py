def noheaders():
    return ""
