def py_encode_basestring_ascii(s):
    return json.dumps(str(s), ensure_ascii=False)
