def whichmodule(obj, name):
    """Find the module an object belongs to."""
    return name, obj.__module__
