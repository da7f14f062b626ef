def finders_in_package(fullname, *module_names):
    finders = {}
    for module_name in module_names:
        if module_name not in finders:
            finders[module_name] = []
        finders[module_name].append(fullname)
    return finders

def finders_in_package(fullname, *module_names):
    return finders_in_package(fullname, *module_names, module_names=module_names)
