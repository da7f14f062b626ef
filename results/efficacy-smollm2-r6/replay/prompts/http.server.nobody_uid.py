def nobody_uid():
    """Internal routine to get nobody's uid"""
