import os

def subst_vars(s, local_vars):
    if not isinstance(local_vars, dict):
        raise ValueError("The local variables must be a dictionary.")
    for key, value in local_vars.items():
        if key in s:
            s[key] = getattr(getattr(local_vars, key), local_vars[key])
    if not isinstance(os.environ, dict):
        raise ValueError("The os.environ dictionary must be a dictionary.")
    return s[local_vars]
