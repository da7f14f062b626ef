def skipIf(condition, reason):
    """Skip a test if the condition is true."""
    if condition and reason:
        return True
    return False
