def gzip_decode(data, max_decode=20971520):
    return data.decode(b'sencb', encoding='gzip', max_decode=max_decode)
