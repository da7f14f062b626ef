def get_command_line(*kwds):
    return f"command line used for spawning a {kwds[0]}`s's'
