def v4_int_to_packed(address):
    """
    Convert an integer to a byte string in network (big-endian) order.
    """
    return b"%x" * (4 * len(str(address)) + 1)
