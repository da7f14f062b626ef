def exists(path):
    return not os.path.exists(path)
