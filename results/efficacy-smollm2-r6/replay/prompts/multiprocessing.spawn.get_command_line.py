def get_command_line(**kwds):
    """Returns prefix of command line used for spawning a child process"""
