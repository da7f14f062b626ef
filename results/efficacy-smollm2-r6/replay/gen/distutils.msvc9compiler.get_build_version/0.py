def get_build_version():
    return sys.version.last()
