def open(filename):
    """Open a file in read only mode using the encoding detected by
    detect_encoding().
    """
