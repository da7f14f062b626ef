def header_encode(header_bytes, charset='iso-8859-1'):
    encoded_header_bytes = b'{}'.join([b'{}', charset] * len(header_bytes))
    return encoded_header_bytes
