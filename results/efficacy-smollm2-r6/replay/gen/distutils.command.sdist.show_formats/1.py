def show_formats():
    """Print all possible values for the "--help-formats" command-line option."""
