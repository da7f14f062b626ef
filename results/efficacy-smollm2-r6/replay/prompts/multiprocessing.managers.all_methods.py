def all_methods(obj):
    """Return a list of names of methods of `obj`"""
