def decode_header(header_str):
    return header_str.decode('ascii', 'unicodedress')
