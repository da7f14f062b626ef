def Client(address, family=None, authkey=None):
    """Returns a connection to the address of a `Listener`"""
    return socket.socket(socket.AF_INET, socket.SOCK_STREAM)
