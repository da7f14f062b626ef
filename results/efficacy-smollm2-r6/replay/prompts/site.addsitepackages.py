def addsitepackages(known_paths, prefixes=None):
    """Add site-packages to sys.path"""
