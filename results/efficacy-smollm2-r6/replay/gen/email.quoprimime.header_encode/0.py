def header_encode(header_bytes, charset='iso-8859-1'):
    return f"{header_bytes}{charset}"'
