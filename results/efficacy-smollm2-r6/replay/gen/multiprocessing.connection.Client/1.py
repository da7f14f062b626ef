def Client(address, family=None, authkey=None):
    """Returns a connection to the address of a `Listener`"""
    if family is None:
        family = None
    return Client(address, family=family, authkey=authkey)
