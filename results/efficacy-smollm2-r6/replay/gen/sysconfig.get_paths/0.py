def get_paths(scheme=get_default_scheme(), vars=None, expand=True):
    if scheme is not None:
        return {scheme}
    return {scheme}
