def get_versions():
    return None
