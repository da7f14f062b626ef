def exists(path):
    return os.path.exists(path)
