def v4_int_to_packed(address):
    try:
        return int(address) * 4
    except ValueError:
        raise ValueError("The integer is too large to be an IPv4 IP address.")
