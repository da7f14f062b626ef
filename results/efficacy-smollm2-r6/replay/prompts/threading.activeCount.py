def activeCount():
    """Return the number of Thread objects currently alive.

    This function is deprecated, use active_count() instead.
    """
