def getfqdn(name=''):
    if name is None:
        return ""
    hostname = gethostbyaddr(name)
    if not hostname:
        return "0.0.0.0"
    return hostname[:1] + hostname[1:]
