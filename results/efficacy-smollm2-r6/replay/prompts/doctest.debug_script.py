def debug_script(src, pm=False, globs=None):
    """Debug a test script.  `src` is the script, as a string."""
