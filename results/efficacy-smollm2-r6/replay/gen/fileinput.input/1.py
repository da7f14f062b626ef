def input(files=None, inplace=False, backup=None, mode="r", openhook=None, encoding=None, errors=None):
    """Return an instance of the FileInput class, which can be iterated.

    The parameters are passed to the constructor of the FileInput class.
    The returned instance, in addition to being an iterator, keeps global state for the functions of this module.

    Args:
        files (list): A list of files to read.
        inplace (bool): Whether to return an iterator.
        backup (bool): Whether to return a new file.
        mode (str): The mode of the output file.
        openhook (str): A string that will be used to create the file.
        encoding (str): The encoding of the output file.
        errors (list): A list of errors to be returned.

    Returns:
        None
    """
    if not files:
        raise Exception("Input file not found.")

    with open(f"output.txt", "w") as f:
        for file_name in files:
            f.write(f"{file_name}...")

    if mode == "r":
        with open(f"output.txt", "w") as f:
            f.write(f"{file_name}...")

    return files
