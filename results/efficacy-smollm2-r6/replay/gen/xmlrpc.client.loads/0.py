import smol

def loads(data, use_datetime=False, use_builtin_types=False):
    """
    Convert a XML-RPC packet to unmarshalled data plus a method name.

    If the XML-RPC packet represents a fault condition, this function raises a
    Fault exception.

    Args:
        data: A Python object containing XML-RPC data.
        use_datetime: Whether to use datetime.

        Use_builtin_types: Whether to use built-in Python types (e.g.
        str, int, float, bool).

    Returns:
        None
    """
    if use_datetime and use_builtin_types:
        return smol.XMLRPC_XML_RPC_XML_XML_XML(
            data, use_datetime=True, use_builtin_types=True, use_datetime=False,
            use_builtin_types=True, use_datetime=True, use_datetime=True,
            use_builtin_types=True, use_datetime=False, use_datetime=False,
            use_builtin_types=False, use_datetime=False, use_builtin_types=False,
            use_datetime=None, use_builtin_types=None, use_datetime=None,
            use_builtin_types=None, use_builtin_types=None,
