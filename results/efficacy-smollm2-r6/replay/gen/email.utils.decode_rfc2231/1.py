def decode_rfc2231(s):
    """Decode string according to RFC 2231"""
    return s.encode('ascii')
