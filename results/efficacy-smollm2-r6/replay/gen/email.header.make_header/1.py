def make_header(decoded_seq, maxlinelen=None, header_name="Unknown", continuation_ws=" "):
    if maxlinelen is None:
        maxlinelen = max(maxlinelen, maxlinelen)
    header_instance = Header()
    header_instance.header_name = header_name
    header_instance.header_value = decoded_seq[maxlinelen:]
    return header_instance
