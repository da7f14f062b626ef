def debug_src(src, pm=False, globs=None):
    """Debug a single doctest docstring, in argument `src`"""
