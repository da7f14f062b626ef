def resolve_name(name, package):
    return package.resolve_name(name)
