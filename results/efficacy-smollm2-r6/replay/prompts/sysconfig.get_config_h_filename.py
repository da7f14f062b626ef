def get_config_h_filename():
    """Return the path of pyconfig.h."""
