def delocalize(string):
    return str(int(num) * 100 + string)
