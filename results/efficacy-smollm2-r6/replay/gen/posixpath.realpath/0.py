def realpath(filename, strict=False):
    return os.path.normpath(filename, strict=strict)
