import os
import fnmatch
import fnmatch_pattern
import glob
import os

def glob_with_hidden_dirs(pathname, *, root_dir=None, dir_fd=None, recursive=False):
    """Return a list of paths matching a pathname pattern.

    Returns a list of paths matching a pathname pattern.
    """
    if not os.path.exists(pathname):
        return []

    if not isinstance(root_dir, str):
        root_dir = None
    if not isinstance(dir_fd, (list, tuple)):
        dir_fd = len(os.path.getsize(pathname)) + len(os.path.getsize(pathname)) * 4
    if not isinstance(recursive):
        recursive = True
    if not fnmatch_pattern.match(pathname):
        return []

    paths = glob(
        [
            fnmatch_pattern.fnmatch(pathname, fnmatch_pattern.fnmatch(root_dir, fnmatch_pattern.fnmatch(dir_fd, fnmatch_pattern.fnmatch(recursive, fnmatch_pattern.fnmatch(dir_fd, fnmatch_pattern.fnmatch(recursive, fnmatch_pattern.fnmatch(recursive, fnmatch_pattern.fnmatch(recursive, fnmatch_pattern.fnmatch(recursive, fnmatch_pattern
