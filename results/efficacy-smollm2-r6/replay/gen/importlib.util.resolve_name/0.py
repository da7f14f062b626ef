import package

def resolve_name(name, package):
    if name in package.package_name:
        return name
    else:
        return package.package_name[package.package_name.index(name) + 1:]
