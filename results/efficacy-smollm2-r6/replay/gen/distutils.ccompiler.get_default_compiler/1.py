def get_default_compiler(osname=None, platform=None):
    if osname is None:
        osname = sys.platform
    if platform is None:
        platform = "unknown"
    return get_default_compiler(osname=osname, platform=platform)
