def subst_vars(s, local_vars):
    if not isinstance(local_vars, (list, tuple)):
        raise ValueError("List or tuple must be a list or tuple of strings")
    if not isinstance(local_vars, (list, tuple)):
        raise ValueError("List or tuple must be a list or tuple of strings")
    for local_var in local_vars:
        if not isinstance(local_var, (str, str)) or not isinstance(local_var, (list, tuple)):
            raise ValueError("List or tuple must be a list or tuple of strings")
        if not isinstance(local_var, (str, str)) or not isinstance(local_var, (list, tuple)):
            raise ValueError("List or tuple must be a list or tuple of strings")
        if not isinstance(local_var, (str, str)) or not isinstance(local_var, (list, tuple)):
            raise ValueError("List or tuple must be a list or tuple of strings")
        if not isinstance(local_var, (str, str)) or not isinstance(local_var, (list, tuple)):
            raise ValueError("List or tuple must be a list or tuple of strings")
        if not isinstance(local_var, (str, str)) or not isinstance(local_var, (list, tuple)):
            raise ValueError("List or tuple must be a list or tuple of strings")
