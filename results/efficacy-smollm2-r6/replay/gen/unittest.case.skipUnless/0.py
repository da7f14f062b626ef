def skipUnless(condition, reason):
    """Skip a test until the condition is true."""
    if condition:
        return False
    return True
