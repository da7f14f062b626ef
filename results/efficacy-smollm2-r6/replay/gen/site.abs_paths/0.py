def abs_paths():
    """Set all module __file__ and __cached__ attributes to an absolute path"""
    abs_path = os.path.abspath(__file__, 'abs_path')
    os.path.absolute()
    os.path.sep = os.sep
    abs_path = os.path.abspath(__file__, 'abs_path')
    os.path.sep = os.sep
    os.path.sep = os.sep
    os.path.sep = os.sep
    abs_path = abs_path + os.path.sep
    os.path.sep = os.sep
    os.path.sep = os.sep
    os.path.sep = os.sep
    os.path.sep = os.sep
    os.path.sep = os.sep
    os.path.sep = os.sep
    os.path.sep = os.sep
    os.path.sep = os.sep
    abs_path = abs_path + os.path.sep
    os.path.sep = os.sep
    abs_path = abs_path + os.path.sep
    os.path.sep = os.sep
    abs_path = abs_path + os.path.sep
    os.path.sep = os.sep
    abs_path = abs_path + os.path.sep
    os.path.sep = os.sep
