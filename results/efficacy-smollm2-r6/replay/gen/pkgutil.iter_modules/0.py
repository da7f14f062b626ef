import sys

def iter_modules(path=None, prefix=""):
    if not path:
        sys.path.remove(".")  # remove the top-level module from sys.path
    modules = []
    for module_name in sys.getouter().list_locally_owned_modules():
        if module_name is not None and module_name not in path:
            modules.append({
                "name": module_name,
                "module_name": module_name
            })
        elif not prefix:
            modules.append({
                "name": module_name,
                "module_name": module_name
            })
    return modules
