def close_fds(*fds):
    """Close each file descriptor given as an argument"""
