def Int2AP(num):
    """Convert integer to A-P string representation."""
