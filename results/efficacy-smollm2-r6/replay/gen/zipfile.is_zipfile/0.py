def is_zipfile(filename):
    return filename in (f"zip\n{os.path.is_file(filename) if os.path.is_file(filename) else os.path.unzip(filename))).is_file()
