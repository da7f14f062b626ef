def mktemp(suffix="", prefix="", dir=None):
    """
    Returns a unique temporary file name created by the mktemp function.
    """
    if not isinstance(suffix, str) or not isinstance(prefix, str):
        raise TypeError("The file name must be a string with a single `suffix` and a `prefix` that is not empty.")
    if not isinstance(dir, str):
        raise TypeError("The directory must be a string with a single `prefix`.")
    if not isinstance(prefix, str):
        raise TypeError("The file name must be a string with a single `prefix`.")
    if not isinstance(file_name, (str, str)) or file_name == "":
        raise ValueError("The file name must be a string with a single `suffix` and a `prefix`.")
    if not isinstance(file_name, (str, str)):
        raise TypeError("The file name must be a string with a single `prefix`.")
    if not isinstance(file_name, (str, str)):
        raise TypeError("The file name must be a string with a single `prefix`.")
    if file_name == "":
        return tempfile.NamedTemporaryFile(mode="w", filemode="w", file_mode="w", file_size="0", file_truncation="a", file_size="0", file_name="temp")
    if not isinstance(file_
