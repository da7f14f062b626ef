def makeBuilder(options):
    """Create a builder based on an Options object."""
