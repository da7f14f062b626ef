def create_tree(base_dir, files, mode=0o777, verbose=1, dry_run=0):
    """Create all the empty directories under 'base_dir' needed to put 'files'
    there.

    'base_dir' is just the name of a directory which doesn't exist yet;
    'files' is a list of filenames to be interpreted relative to 'base_dir'.
    """
    for root, dirs_list in os.walk(base_dir):
        for dir_name in range(len(dirs_list)):
            if not os.path.exists(dirs_list[dir_name]):
                os.mkdir(dirs_list[dir_name])
                continue
            if mode == 0o777:
                create_tree(root, files, mode | verbose, dry_run)
    return
