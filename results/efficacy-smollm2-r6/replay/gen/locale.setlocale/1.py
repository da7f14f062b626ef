import locale

def setlocale(locale, locale=None):
    """Set the locale for the given category.  The locale can be
    a string, an iterable of two strings (language code and encoding),
    or None.

    The locale is set to the specified locale.
    """
    if locale is None:
        locale = locale.getdefaultlocale(locale_name=locale_name)
    locale.setlocale(locale_name=locale_name)
    return lambda *args: setlocale(locale, *args)
