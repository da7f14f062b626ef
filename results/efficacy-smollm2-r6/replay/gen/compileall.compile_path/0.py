def compile_path(skip_curdir=1, maxlevels=None, force=False, quiet=0, legacy=False,
                 optimize=None, invalidation_mode=None):
    """
    Byte-compile all module on sys.path.

    Args:
        skip_curdir: if True, skip current directory
        maxlevels: max recursion level (default 0)
        force: as for compile_dir() (default False)
        quiet: as for compile_dir() (default 0)
        legacy: as for compile_dir() (default False)
        optimize: as for compile_dir() (default -1)
        invalidation_mode: as for compiler_dir() (default False)

    Returns:
        None
    """
    if skip_curdir is None:
        return

    if maxlevels is None:
        maxlevels = max(maxlevels, maxlevels)

    if not isinstance(skip_curdir, str) or not isinstance(maxlevels, int) or not isinstance(force, bool):
        force = False

    if not isinstance(maxlevels, int) or not isinstance(maxlevels, int):
        maxlevels = maxlevels + 1

    if not isinstance(legacy, bool):
        legacy = False

    if not isinstance(optimality, bool):
        optimality = False

    if not isinstance(optimality, int):
        optimality = 1
