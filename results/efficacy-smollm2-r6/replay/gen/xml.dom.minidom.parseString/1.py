def parseString(string, parser=None):
    """
    Parse a file into a DOM from a string.
    """
    return parser(
        (
            "file.txt",
            lambda: open(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_path(file_
