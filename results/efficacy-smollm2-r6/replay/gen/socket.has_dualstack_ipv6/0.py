import socket

def has_dualstack_ipv6():
    return socket.AF_INET6_PATCH_NONE == socket.AF_INET6_PATCH_NONE
