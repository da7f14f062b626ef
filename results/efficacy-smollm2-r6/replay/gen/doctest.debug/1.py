def debug(module, name, pm=False):
    """
    This function is designed to debug a single doctest docstring.

    This function takes a single argument, which is a function that is being
    debugged.

    Args:
        module (str): The name of the module containing the docstring.
        name (str): The name of the module that contains the docstring.
        pm (bool): Whether to print the debug message.

    Returns:
        None
    """
    if not module or not pm:
        return

    debug_func = debug(module, name, pm)
    print(f"Debug: {debug_func.__name__} - {debug_func.__doc__} - {debug_func.__name__} - {debug_func.__doc__} - {debug_func.__name__} - {debug_func.__doc__} - {debug_func.__name__)")

def debug(func, *args, **kwargs):
    """
    This function is designed to debug a single doctest docstring.

    This function takes a single argument, which is a function that is being
    debugged.

    This function returns a debug message.

    Args:
        func (function): The function that is being debugged.
        *args (list): A list of arguments to be passed to the debugged function.
        **kwargs (list): A list of keyword arguments to be passed
