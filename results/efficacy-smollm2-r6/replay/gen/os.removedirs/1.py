import os

def removedirs(name):
    """removedirs(name)

    Super-rmdir; remove a leaf directory and all empty intermediate
    ones.  Returns a list of removed directories.  If the leaf directory
    is not empty, it is pruned away until the entire path is
    consumed or an error occurs.  If an error occurs, it is ignored.
    """
    if not os.path.exists(name):
        return []
    return [os.rmdir(name) for name in removedirs(name)]
