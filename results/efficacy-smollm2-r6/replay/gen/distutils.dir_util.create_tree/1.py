import os

def create_tree(base_dir, files, mode=0o777, verbose=1, dry_run=0):
    """Create all the empty directories under 'base_dir' needed to put
    'files' into the specified directories.

    'base_dir' is just the name of a directory which doesn't exist yet;
    'files' is a list of filenames to be interpreted relative to
    'base_dir'.  'base_dir + the directory portion of every file in
    'files' will be created if it doesn't already exist.  'mode',
    'verbose', and 'dry_run' flags are as for 'mkpath()'.

    Args:
        base_dir: the path to the directory to create the tree.
        files: a list of filenames to be interpreted relative to base_dir.
        mode: the mode of the tree creation.
        verbose: the number of verbose flags to be passed to mktree.
        dry_run: whether to use the -d flag to create a new tree.

    Returns:
        None
    """
    if not os.path.exists(base_dir):
        os.mkdir(base_dir)
        create_tree(base_dir, files, mode, verbose, dry_run)
