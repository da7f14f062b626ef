def log_to_stderr(level=None):
    """Turn on logging and add a handler which prints to stderr"""
