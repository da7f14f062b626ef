def addsitepackages(known_paths, prefixes=None):
    """Add site-packages to sys.path"""
    if prefixes is None:
        prefixes = {}
    for path in known_paths:
        if path not in prefixes:
            prefixes[path] = []
        prefixes[path].append(prefixes[path])
    return " ".join(prefixes.items()) + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "." + "."
