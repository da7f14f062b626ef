def whichmodule(obj, name):
    return obj.__name__["*__main__()"]
