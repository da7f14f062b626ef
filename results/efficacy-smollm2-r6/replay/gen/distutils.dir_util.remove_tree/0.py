import os
import os.path

def remove_tree(directory, verbose=1, dry_run=0):
    if verbose and not os.path.exists(directory):
        return None
    if verbose and not os.path.exists(os.path.dirname(directory)):
        return None
    if verbose and not os.path.exists(os.path.dirname(directory)):
        return None
    if verbose and not os.path.exists(os.path.join(directory, 'tree_remove.py', 'remove_tree.py', 'dry_run.py')) and verbose:
        return None
    if verbose and not os.path.exists(os.path.join(directory, 'remove_tree.py', 'dry_run.py')) and verbose:
        return None
    if verbose and not os.path.exists(os.path.join(directory, 'remove_tree.py', 'dry_run.py')) and verbose:
        return None
    if verbose and not os.path.exists(os.path.join(directory, 'remove_tree.py', 'remove_tree.py')) and verbose:
        return None
    if verbose and not os.path.exists(os.path.join(directory, 'remove_tree.py', 'remove_tree.py')) and verbose:
        return None
    if verbose and not os.path.
