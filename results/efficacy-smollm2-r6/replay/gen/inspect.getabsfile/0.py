def getabsfile(object, _filename=None):
    if object is None:
        return None
    path = os.path.abspath(object)
    if not isinstance(path, str):
        path = os.path.join(os.path.dirname(object), _filename)
    return os.path.join(os.path.dirname(path), _filename)
