def resetlocale(category=LC_ALL):
    """Sets the locale for category to the default setting."""
    if category == LC_ALL:
        return LC_ALL
    else:
        return LC_DEFAULT
