def unhex(s):
    return hex(int(s, 16))
