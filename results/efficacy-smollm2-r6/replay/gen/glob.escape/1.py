def escape(pathname):
    return pathname.replace('\\', '\\\\')
