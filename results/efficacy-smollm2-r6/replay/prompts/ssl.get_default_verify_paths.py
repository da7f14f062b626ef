def get_default_verify_paths():
    """Return paths to default cafile and capath.

    """
