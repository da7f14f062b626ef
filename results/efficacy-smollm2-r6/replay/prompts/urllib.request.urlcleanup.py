def urlcleanup():
    """Clean up temporary files from urlretrieve calls."""
