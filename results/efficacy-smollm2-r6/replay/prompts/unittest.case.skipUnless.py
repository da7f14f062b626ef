def skipUnless(condition, reason):
    """Skip a test unless the condition is true."""
