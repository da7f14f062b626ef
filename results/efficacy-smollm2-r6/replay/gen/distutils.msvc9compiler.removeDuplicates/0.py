def removeDuplicates(variable):
    return [x for x in vars(variable) if not x]
