def convert_path(pathname):
    """Return 'pathname' as a name that will work on the native filesystem,
    i.e. split it on '/' and put it back together again using the current directory separator. Raises ValueError on non-Unix-ish systems if pathname starts with a slash.
    """
