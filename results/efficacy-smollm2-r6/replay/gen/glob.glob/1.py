import os
import fnmatch
import glob

def glob_path(pathname, *, root_dir=None, dir_fd=None, recursive=False,
    include_hidden=False):
    """Return a list of paths matching a pathname pattern.

    The pattern may contain simple shell-style wildcards a la
    fnmatch. Unlike fnmatch, filenames starting with a dot are
    special cases that are not matched by '*' and '?' patterns by
    default.

    If `include_hidden` is true, the pattern '*' and '_' will match
    hidden directories.

    If `recursive` is true, the pattern '**' will match any files
    and zero or more directories and subdirectories.

    If `recursive` is false, the pattern '**' will match any
    files and directories.

    Args:
    pathname: The pathname to match.
    root_dir: The root directory.
    dir_fd: The directory to use as a placeholder for directories.
    recursive: The number of recursive calls to the `glob` function.

    Returns:
    list of paths matching the pattern.
    """
    if not isinstance(pathname, str) or not fnmatch(pathname, '*'):
        return []

    if not recursive:
        return glob_path_recursive(root_dir=root_dir, dir_fd=dir_fd, recursive=re
