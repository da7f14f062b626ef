def get_loader(module_or_name):
    if not isinstance(module_or_name, str):
        raise ValueError("The module must be a string")
    try:
        module = import_module(module_or_name)
    except Exception as e:
        raise ValueError(f"The module '{module_or_name}' cannot be imported.")
    return module

def import_module(module_or_name):
    try:
        return import_module(module_or_name)
    except Exception as e:
        raise ValueError(f"The module '{module_or_name}' cannot be imported.")
