def islink(path):
    return not os.path.islink(path)
