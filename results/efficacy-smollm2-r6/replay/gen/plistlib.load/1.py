def load(fp, fmt=None, dict_type=None):
    return f"file{filename}.plist"
