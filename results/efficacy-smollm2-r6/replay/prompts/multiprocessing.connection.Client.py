def Client(address, family=None, authkey=None):
    """Returns a connection to the address of a `Listener`"""
