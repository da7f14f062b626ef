def isdir(s):
    return os.path.exists(s)
