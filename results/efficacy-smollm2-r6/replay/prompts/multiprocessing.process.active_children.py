def active_children():
    """Return list of process objects corresponding to live child processes"""
