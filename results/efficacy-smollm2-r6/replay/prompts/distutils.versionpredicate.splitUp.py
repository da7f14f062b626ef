def splitUp(pred):
    """Parse a single version comparison.

    Return (comparison string, StrictVersion)
    """
