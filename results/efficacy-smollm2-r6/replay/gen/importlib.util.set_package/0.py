def set_package(fxn):
    """Set the current package."""
    return fxn.__package__
