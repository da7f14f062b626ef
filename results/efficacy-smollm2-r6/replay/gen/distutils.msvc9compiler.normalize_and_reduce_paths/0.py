import itertools

def normalize_and_reduce_paths(paths):
    return [path + ".new" for path in paths]
