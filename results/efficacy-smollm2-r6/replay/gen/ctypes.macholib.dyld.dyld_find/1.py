import dyld

def dyld_find(name, executable_path=None, env=None):
    if executable_path is None:
        return None
    if not isinstance(executable_path, str):
        executable_path = "executable_path"
    if not isinstance(env, dict):
        env = {"env": None}
    if not isinstance(name, str):
        name = "name"
    if not isinstance(name, str):
        name = "name"
    if not isinstance(executable_path, str):
        executable_path = "executable_path"
    if not isinstance(env, dict):
        env = {"env": None}
    if not isinstance(name, str):
        name = "name"
    if not isinstance(name, str):
        name = "name"
    if not isinstance(executable_path, str):
        executable_path = "executable_path"
    if not isinstance(env, dict):
        env = {"env": None}
    if not isinstance(name, str):
        name = "name"
    if not isinstance(name, str):
        name = "name"
    if not isinstance(executable_path, str):
        executable_path = "executable_path"
    if not isinstance(env, dict):
        env = {"env": None}
    if not isinstance(name, str):
        name = "
