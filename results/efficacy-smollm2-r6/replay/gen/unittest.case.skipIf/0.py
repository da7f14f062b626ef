def skipIf(condition, reason):
    return True if not isinstance(condition, (int, float), reason) else False
