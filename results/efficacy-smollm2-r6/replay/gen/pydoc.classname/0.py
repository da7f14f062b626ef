def classname(obj, modname):
    if isinstance(obj, type):
        return obj.__name__() + "[" + modname + "]"
    else:
        return obj.__dict__["__name__"] + "[" + modname + "]"
