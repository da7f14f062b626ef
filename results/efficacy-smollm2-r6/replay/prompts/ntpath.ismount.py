def ismount(path):
    """Test whether a path is a mount point (a drive root, the root of a
    share, or a mounted volume)
    """
