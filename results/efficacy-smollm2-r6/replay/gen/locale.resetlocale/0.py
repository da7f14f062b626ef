import locale

def resetlocale(category=LC_ALL):
    """Sets the locale for category to the default setting."""
    locale.setlocale(locale.NO_LOCALE, locale.ALL, category)
