def leapdays(y1, y2):
    """Return number of leap years in range [y1, y2).
    Assume y1 <= y2.
    """
