def SocketClient(address):
    """Return a connection object connected to the socket given by `address`"""
