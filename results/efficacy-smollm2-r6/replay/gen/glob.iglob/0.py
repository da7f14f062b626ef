import os

def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    if not os.path.exists(pathname):
        return None
    if not isinstance(pathname, str):
        return None
    if not isinstance(root_dir, str):
        return None
    if not isinstance(dir_fd, str):
        return None
    if not recursive:
        return None
    if not isinstance(recursive):
        return None
    if not isinstance(include_hidden):
        return None
    return iglob(pathname, root_dir=root_dir, dir_fd=dir_fd, recursive=recursive)
