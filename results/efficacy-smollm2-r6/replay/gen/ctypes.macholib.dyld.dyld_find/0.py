def dyld_find(name, executable_path=None, env=None):
    """Find a library or framework using dyld semantics"""
    if executable_path is None:
        return None
    if not isinstance(executable_path, str):
        raise TypeError("Executable_path must be a string")
    if not isinstance(env, dict):
        env = {env: {}}
    try:
        with open(executable_path, "w")
        with open(env, "w")
    except Exception as e:
        raise Exception(f"Error opening {executable_path} at {env}!")
    return exec(f"dyn_find({name}, {executable_path})", env=env)
