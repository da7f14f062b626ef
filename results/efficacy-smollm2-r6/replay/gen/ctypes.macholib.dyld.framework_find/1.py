import fnmatch

def framework_find(fn, executable_path=None, env=None):
    if fnmatch.fnmatch(fn, "framework_find", fnmatch.fnmatch):
        return fnmatch.fnmatch(executable_path, fnmatch.fnmatch)
    else:
        return fnmatch.fnmatch(executable_path, fnmatch.fnmatch)
