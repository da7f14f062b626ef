def freedesktop_os_release():
    return "This function returns the operation system identification from freedesktop.org os-release."
