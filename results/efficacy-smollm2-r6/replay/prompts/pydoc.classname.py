def classname(object, modname):
    """Get a class name and qualify it with a module name if necessary."""
