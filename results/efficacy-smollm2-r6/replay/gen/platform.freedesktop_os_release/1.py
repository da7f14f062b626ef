def freedesktop_os_release():
    return "The freedesktop.org os-release is released."
