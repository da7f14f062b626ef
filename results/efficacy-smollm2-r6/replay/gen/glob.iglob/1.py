import os

def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, *,
          include_hidden=False):
    if not isinstance(pathname, str):
        pathname = os.path.abspath(pathname)
    if not os.path.isdir(pathname):
        raise ValueError("pathname must be a string")
    if not isinstance(root_dir, str):
        root_dir = os.path.abspath(root_dir)
    if not isinstance(dir_fd, (list, tuple)):
        dir_fd = os.path.join(dir_fd, ".")
    if not isinstance(recursive, bool):
        recursive = False
    if not isinstance(include_hidden, bool):
        include_hidden = False
    if not isinstance(recursive, (list, tuple)):
        recursive = False
    if not isinstance(recursive, (list, tuple)):
        recursive = False
    if not isinstance(recursive, (list, tuple)):
        recursive = False
    if not isinstance(recursive, (list, tuple)):
        recursive = False
    if not isinstance(recursive, (list, tuple)):
        recursive = False
    if not isinstance(recursive, (list, tuple)):
        recursive = False
    if not isinstance(recursive, (list, tuple)):
        recursive = False
    if not isinstance(recursive,
