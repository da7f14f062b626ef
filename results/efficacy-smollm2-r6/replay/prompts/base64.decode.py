def decode(input, output):
    """Decode a file; input and output are binary files."""
