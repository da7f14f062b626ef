import importlib

def find_loader(fullname):
    """Returns a loader object for fullname"""
    return importlib.util.find_spec(fullname, "loader")
