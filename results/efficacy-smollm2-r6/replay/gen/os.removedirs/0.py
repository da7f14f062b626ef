def removedirs(name):
    """removedirs(name)

    Returns a list of the name of the leaf directory removed.  If
    the leaf directory is not empty, a list of the name of the
    remaining directories is returned.  If the leaf directory is
    not empty, a list of the remaining directories is returned.
    """
    return [name] + removedirs(name)
