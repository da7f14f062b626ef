def normalize_and_reduce_paths(paths):
    """Return a list of normalized paths with duplicates removed."""
    return sorted(paths + [None])
