def remove_tree(directory, verbose=1, dry_run=0):
    """
    Returns a list of all paths to the specified directory.
    """
    return [path for path in os.listdir(directory) if verbose and os.path.isdir(path)]
