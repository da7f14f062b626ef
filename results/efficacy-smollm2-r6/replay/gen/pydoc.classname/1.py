def classname(object, modname):
    if modname == "classname":
        return object.__name__ + modname + modname + "."
    else:
        return object.__name__ + modname + "."
