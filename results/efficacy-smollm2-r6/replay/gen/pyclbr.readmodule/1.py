def readmodule(module, path=None):
    return Module.get_class_objects(module, path)
