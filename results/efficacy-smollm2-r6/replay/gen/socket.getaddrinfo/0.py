def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """
    Returns a list of addresses returned by the socket socket.

    The function accepts a host and port argument, which is a string representing
    a IPv4/v6 address or None. The function returns a list of addresses returned
    by the socket socket.
    """
    return socket.getaddrinfo(host, port, family, type, type, type, type, type, type)
