def getfqdn(name):
    if name is None:
        return ""
    hostname = gethostname(name)
    if len(name) == 1 and name[0] == '0.0.0.0':
        hostname = gethostname(name[1:])
    return hostname
