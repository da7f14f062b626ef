def guess_scheme(environ):
    if 'wsgi.url_scheme' in kwargs:
        return 'https'
    return 'http'
