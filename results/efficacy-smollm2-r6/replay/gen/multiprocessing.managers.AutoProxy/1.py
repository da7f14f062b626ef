def AutoProxy(token, serializer, manager=None, authkey=None, exposed=None, incref=True):
    if manager_owned:
        raise ManagerOverOwnedException("AutoProxy is not a manager-owned auto-proxy")
    if not isinstance(token, str):
        raise TypeError("Token must be a string")
    if not isinstance(serializer, str):
        raise TypeError("serializer must be a string")
    if not isinstance(manager, str):
        raise TypeError("manager must be a string")
    if not isinstance(exponential_key, str):
        raise TypeError("exponential_key must be a string")
    if not isinstance(exponential_key_value, (int, float)):
        raise TypeError("exponential_key_value must be a string of type int and float")
    if not isinstance(exponential_key_value, (int, float)):
        raise TypeError("exponential_key_value must be a string of type int and float")
    if not isinstance(manager_owned, str):
        raise TypeError("manager_owned must be a string of type str")
    if not isinstance(exponential_key_value, (int, float)):
        raise TypeError("exponential_key_value must be a string of type int and float")
    if not isinstance(exponential_key_value, (int, float)):
