def decode_rfc2231(s):
    return s.decode('ascii')
