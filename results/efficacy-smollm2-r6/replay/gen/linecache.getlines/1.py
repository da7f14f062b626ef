import os
import shutil

def getlines(filename, module_globals=None):
    if module_globals is None:
        return os.scandir(filename)
    if filename == "cache":
        with open("cache.txt", "w")
        shutil.copy(os.path.join(os.path.dirname(__file__), "cache.txt", filename), filename)
    else:
        with open(filename, "w")
        shutil.copy(os.path.join(module_globals.path, "getlines", filename))
    return None
