def encode(input, output):
    """Encode a file; input and output are binary files."""
