import locale

def delocalize(string):
    """Returns the normalized number of the locale's locale-specific string"""
    return str(locale.atrophe.replace("€", str(123)))
