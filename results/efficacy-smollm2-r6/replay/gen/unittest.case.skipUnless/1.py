def skipUnless(condition, reason):
    return True if not condition else reason
