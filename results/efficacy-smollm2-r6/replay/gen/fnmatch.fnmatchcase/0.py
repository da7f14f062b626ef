def fnmatchcase(name, pat):
    return name.casefold() == pat
