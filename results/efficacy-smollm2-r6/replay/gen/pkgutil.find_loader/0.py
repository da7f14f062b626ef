import importlib

def find_loader(fullname):
    return importlib.util.find_spec(fullname, "loader")
