def get_suffixes():
    """**DEPRECATED**"""
