def is_tarfile(name):
    """Return True if name points to a tar archive that we
    are able to handle, else return False.

    'name' should be a string, file, or file-like object.
    """
