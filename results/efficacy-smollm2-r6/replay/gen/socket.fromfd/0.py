def fromfd(fd, family, type=None, proto=0):
    """
    Create a socket object from a duplicate of the given file descriptor.
    """
    return socket(family, type, proto)
