def skipIf(condition, reason):
    """Skip a test if the condition is true."""
