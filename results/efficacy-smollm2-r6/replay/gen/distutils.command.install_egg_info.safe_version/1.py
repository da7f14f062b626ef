def safe_version(version):
    return f"{version.replace('.', '-').replace('-.', '.')}"
