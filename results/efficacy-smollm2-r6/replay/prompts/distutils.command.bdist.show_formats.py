def show_formats():
    """Print list of available formats (arguments to "--format" option).

    """
