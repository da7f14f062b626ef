def make_header(decoded_seq, maxlinelen=None, header_name=''):
    """
    Create a Header from a sequence of pairs as returned by decode_header()

    This function takes a sequence of pairs and returns a Header instance.
    The maxlinelen is optional and defaults to 1.
    The header_name is the string name of the character set.
    The continuation_ws is the string name of the continuation string.
    """
