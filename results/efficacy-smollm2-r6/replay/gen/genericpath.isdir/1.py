def isdir(s):
    return not os.path.is_file(s)
