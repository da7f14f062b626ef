import smokel

def get_server_certificate(addr, ssl_version=PROTOCOL_TLS_CLIENT, ca_certs=None, timeout=None):
    if not isinstance(timeout, int) or timeout < 10:
        timeout = 10
    if not isinstance(ssl_version, str) or not type(ssl_version) in (list, tuple, str):
        raise TypeError("ssl_version must be a string")
    if not isinstance(ca_certs, (list, tuple)):
        ca_certs = ca_certs_list()
    if not isinstance(timeout, (int, str)) or not type(timeout) in (list, tuple):
        timeout = timeout_list()
    if not isinstance(timeout, (list, tuple)):
        timeout = timeout_list()
    if not isinstance(ssl_version, (list, tuple)):
        if not type(ssl_version) in (list, tuple):
            raise TypeError("ssl_version must be a string")
    if not isinstance(timeout, (int, str)) or not type(timeout) in (list, tuple):
        timeout = timeout_list()
    if not isinstance(timeout, (list, tuple)):
        timeout = timeout_list()
    if not isinstance(timeout, (list, tuple)):
        timeout = timeout_list()
    if not isinstance(ssl
