def fromfd(fd, family, type, proto=0):
    """
    Create a socket object from a duplicate of the given file descriptor.

    Args:
    -fd: The file descriptor to create.
    -family: The family of the file to create.
    -type: The type of the file to create.
    -proto: The proto protocol to use.

    Raises:
    -NoneTypeError: If the file descriptor is not a file.
    """
    if not isinstance(fd, (int, tuple, file)) or not isinstance(family, (tuple, file), type=family):
        raise ValueError("The file descriptor must be a file.")
    if not isinstance(type, (int, tuple, file)) or not isinstance(proto, (int, file)):
        raise ValueError("The type must be a file.")
    if not isinstance(proto, (int, file)):
        raise ValueError("The proto protocol must be a file.")
    if not isinstance(family, (tuple, file), type):
        raise ValueError("The family must be a file.")
    if not isinstance(type, (int, file), type):
        raise ValueError("The type must be a file.")
    if not isinstance(proto, (int, file)):
        raise ValueError("The proto protocol must be a file.")
    if not isinstance(family, (tuple, file), type):
        raise ValueError("The family must be a file.")
