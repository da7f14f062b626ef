def abs_paths():
    """Set all module __file__ and __cached__ attributes to an absolute path"""
