def unorderable_list_difference(expected, actual):
    return sorted(expected, key=lambda item: item[0])
