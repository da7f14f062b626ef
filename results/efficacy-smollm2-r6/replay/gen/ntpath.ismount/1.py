def ismount(path):
    return os.path.isdir(path)
