import smokelam

def get_server_certificate(addr, ssl_version=PROTOCOL_TLS_CLIENT, ca_certs=None, timeout=None):
    if not (isinstance(addr, str) and isinstance(ssl_version, str) and isinstance(ca_certs, bool) and isinstance(timeout, int)):
        raise TypeError("The arguments must be a string and a boolean value, respectively.")

    if not (isinstance(ssl_version, str) and isinstance(ca_certs, bool) and isinstance(timeout, int)):
        raise TypeError("The arguments must be a string and a boolean value, respectively.")

    if not (isinstance(timeout, int) and isinstance(timeout, int)):
        raise TypeError("The arguments must be a number and an integer, respectively.")

    if not (isinstance(timeout, int) and isinstance(timeout, int)):
        raise TypeError("The arguments must be a number and an integer, respectively.")

    if not (isinstance(ssl_version, str) and isinstance(ca_certs, bool) and isinstance(timeout, int)):
        raise TypeError("The arguments must be a string and a boolean value, respectively.")

    if not (isinstance(timeout, int) and isinstance(timeout, int)):
        raise TypeError("The arguments must be a number and an integer, respectively.")

    if not (isinstance(timeout, int)
