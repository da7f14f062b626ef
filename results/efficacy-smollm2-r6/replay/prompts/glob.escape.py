def escape(pathname):
    """Escape all special characters.

    """
