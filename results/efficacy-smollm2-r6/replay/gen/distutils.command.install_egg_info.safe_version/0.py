def safe_version(version):
    return f"{version}{'es'}.{version.isalnum()}."
