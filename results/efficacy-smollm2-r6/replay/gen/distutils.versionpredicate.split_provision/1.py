def split_provision(value):
    """Return the name and optional version number of a provision.

    The version number, if given, will be returned as a `StrictVersion` instance
    if provided, otherwise it will return `None`.

    >>> split_provision('mypkg( 1.2 )')
    ('mypkg', None)
    >>> split_provision('mypkg( 1.2 ) (1.2 ) ')
    ('mypkg', StrictVersion (1.2))
    """
    return value.split('`', 1)[0]
