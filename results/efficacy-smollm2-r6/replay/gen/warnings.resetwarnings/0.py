def resetwarnings():
    """Clear the list of warning filters, so that no filters are active."""
