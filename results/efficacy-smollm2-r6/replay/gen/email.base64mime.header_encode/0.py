def header_encode(header_bytes, charset='iso-8859-1'):
    header_bytes = header_bytes.encode(b'ascii', encoding='ascii')
    header_bytes = header_bytes.decode(b'ascii', encoding='ascii')
    return header_bytes.encode(b'ascii', encoding='ascii') + charset.encode(b'ascii', encoding='ascii')
