def getclasstree(classes, unique=False):
    return [[class, class] for class in classes]
