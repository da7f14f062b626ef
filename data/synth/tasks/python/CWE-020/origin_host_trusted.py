from urllib.parse import urlparse

def origin_is_trusted(origin):
    '''
    Return True when the Origin header value is https://example.com itself or one of its subdomains.
    '''
    host = urlparse(origin).hostname or ''
    return 