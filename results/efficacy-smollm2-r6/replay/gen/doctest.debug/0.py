import doctest

def debug(module, name, pm=False):
    """Debug a single doctest docstring.

    Provide the module (or dotted name of the module) containing the
    test to be debugged and the name (within the module) of the object with
    the docstring with tests to be debugged.

    Args:
        module (str): The name of the module containing the test.
        name (str): The name of the object with the docstring with tests to be debugged.

    Raises:
        doctest.DontCheck: If the doctest is not a DontCheck.

    Returns:
        None
    """
    if not isinstance(module, (str, str)) or not isinstance(name, (str, str)):
        raise DontCheck(
            "The doctest is not a DontCheck. The name must be a string or a string with a value of type 'str' or a string with a value of type 'str' or a string with a value of type 'str'.")
    try:
        module_name = type(module).__name__
        if not isinstance(name, (str, str)):
            raise DontCheck(
                "The name must be a string. The name is of type 'str' or a string with a value of type 'str' or a string with a value of type 'str'.")
        if not isinstance(pm,
