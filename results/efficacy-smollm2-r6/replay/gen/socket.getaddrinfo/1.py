def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """
    Return a list of addresses returned by the socket.

    The socket is a socket object that is the default socket for
    TCP/IP.
    """
