def apropos(key):
    """Print all the one-line module summaries that contain a substring."""
