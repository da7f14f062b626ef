def freedesktop_os_release():
    """Return operation system identification from freedesktop.org os-release

    """
