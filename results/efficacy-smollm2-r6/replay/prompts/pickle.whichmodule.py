def whichmodule(obj, name):
    """Find the module an object belong to."""
