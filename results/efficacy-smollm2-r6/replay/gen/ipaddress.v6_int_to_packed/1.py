def v6_int_to_packed(address):
    return int(address, 16)
