def parse_headers(fp, class_name=None):
    """
    Parses only RFC2822 headers from a file pointer.

    email Parser wants to see only the headers of class class_name.
    But a TextIOWrapper around self.rfile would buffer too many bytes from the stream,
    bytes which we later need to read as bytes.
    """
    if class_name is None:
        class_name = fp.rfilename[:-1] + "r"
    with open(class_name, "r") as f:
        return [f.read() for f in fp.readers]
