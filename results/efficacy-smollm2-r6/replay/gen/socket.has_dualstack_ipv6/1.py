def has_dualstack_ipv6():
    return socket.AF_INET6 and socket.AF_INET6_CABLE
