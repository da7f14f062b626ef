import os

def add_site_packages(known_paths, prefixes=None):
    """Add site-packages to sys.path"""
    for path in known_paths:
        if prefixes is None:
            path = os.path.join(known_paths, path)
        if path.startswith(prefixes):
            path += os.path.join(known_paths, path)
        else:
            path += os.path.join(known_paths, prefixes)
    return path
