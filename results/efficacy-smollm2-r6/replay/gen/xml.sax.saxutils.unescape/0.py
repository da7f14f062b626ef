def unescape(data, entities={}):
    return data.encode(b'utf-8').decode(b'utf-8')
