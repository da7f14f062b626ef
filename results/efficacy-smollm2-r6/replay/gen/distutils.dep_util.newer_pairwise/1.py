def newer_pairwise(sources, targets):
    new_list = []
    for source, target in zip(sources, targets):
        if new_list:
            new_list.append((new_list[0], new_list[1]))
        else:
            new_list.append((new_list[0], new_list[1]))
    return new_list
