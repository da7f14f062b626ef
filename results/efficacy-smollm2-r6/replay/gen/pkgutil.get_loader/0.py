import importlib

def get_loader(module_or_name):
    if module_or_name in module_or_name.__name__:
        return importlib.import_module(module_or_name)
    else:
        return None
