def closelog():
    """Close the log file."""
