def load_package(name, path):
    """**DEPRECATED**"""
