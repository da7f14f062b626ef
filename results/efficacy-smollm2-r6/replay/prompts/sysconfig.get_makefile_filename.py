def get_makefile_filename():
    """Return the path of the Makefile."""
