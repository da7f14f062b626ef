def address_type(address):
    return "AF_INET" if address == "AF_INET" else "AF_UNIX" if address == "AF_UNIX" else "AF_PIPE"
