def setlocale(locale):
    """Set the locale for the given category.  The locale can be
    a string, an iterable of two strings (language code and encoding), or
    None.

    This function is a wrapper around the `locale.set` method.
    It uses the `locale.set` method to set the locale.
    It uses the `locale.set` method to set the locale, and it uses the
    `locale.set` method to set the locale.
    It uses the `locale.set` method to set the locale, and it uses the
    `locale.set` method to set the locale.
    It uses the `locale.set` method to set the locale, and it uses the
    `locale.set` method to set the locale.
    It uses the `locale.set` method to set the locale, and it uses the
    `locale.set` method to set the locale.

    This function is a wrapper around the `locale.set` method.
    It uses the `locale.set` method to set the locale.
    It uses the `locale.set` method to set the locale.
    It uses the `locale.set` method to set the locale.
    It uses the `locale.set` method to set the locale.
    It uses the `locale.set` method to set the locale.
    It uses the `locale.set` method to set
