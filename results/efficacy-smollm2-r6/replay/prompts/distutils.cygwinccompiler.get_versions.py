def get_versions():
    """Try to find out the versions of gcc, ld and dllwrap.

    If not possible it returns None for it.
    """
