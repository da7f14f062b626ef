def py_encode_basestring_ascii(s):
    return s.encode('ascii', encoding='ascii').decode('ascii')
