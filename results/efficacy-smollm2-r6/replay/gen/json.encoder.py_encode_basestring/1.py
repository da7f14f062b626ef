def py_encode_basestring(s):
    return json.dumps(str(s), ensure_ascii=False)
