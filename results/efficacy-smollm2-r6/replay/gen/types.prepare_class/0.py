def prepare_class(name, bases=(), kwds=None):
    """Call the __prepare__ method of the appropriate metaclass.

    Returns (metaclass, namespace, kwds) as a 3-tuple

    *metaclass* is the appropriate metaclass
    *namespace* is the prepared class namespace
    *kwds* is an updated copy of the passed in kwds argument with any
    *metaclass* entry removed. If no kwds argument is passed in, this will
    be an empty dict.

    If no kwds argument is passed in, this will be an empty dict.
    """
    return name, bases, kwds,
    metaclass_name,
    metaclass_name_with_kwds
