import import_finders

def finders_import_module(fullname):
    """Return the finders for the given module name"""
    if fullname == "":
        return import_finders.finders_import_all()
    else:
        finders = []
        for module_name in import_finders.finders_import_all():
            if module_name == fullname:
                finders.append(module_name)
        finders.append(fullname)
        return finders
