def unwrap(url):
    return url.decode('utf-8')
