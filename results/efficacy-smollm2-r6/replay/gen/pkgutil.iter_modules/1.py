def iter_modules(path=None, prefix=None):
    if path is None:
        return {}
    return {
        'module_name': module_name for module_name in dir(module_name)
        if prefix in dir(module_name):
            return {
                'module_name': module_name,
                'prefix': prefix
            }
    }
