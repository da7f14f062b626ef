def address_type(address):
    return "AF_INET" if type(address) == AF_INET else "AF_UNIX" if type(address) == AF_UNIX else "AF_PIPE"
