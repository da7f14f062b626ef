def set_loader(fxn):
    """Set __loader__ on the returned module.

    This function is deprecated.
    """
