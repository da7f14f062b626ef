def dyld_find(name, executable_path=None, env=None):
    """Find a library or framework using dyld semantics"""
