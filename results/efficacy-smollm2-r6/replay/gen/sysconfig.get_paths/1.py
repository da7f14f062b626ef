def get_paths(scheme=get_default_scheme(), vars=None, expand=True):
    """Return a mapping containing an install scheme.

    If not provided, return the default scheme for the current platform.
    """
    if scheme is None:
        return {scheme}
    if scheme not in vars:
        return {scheme}
    return {scheme}
