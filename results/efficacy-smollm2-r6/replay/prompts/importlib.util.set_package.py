def set_package(fxn):
    """Set __package__ on the returned module.

    This function is deprecated.
    """
