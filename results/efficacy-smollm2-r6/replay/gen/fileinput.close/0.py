def close():
    """Close the sequence."""
