def call(*popenargs, timeout=None, **kwargs):
    """Run command with arguments.  Wait for command to complete or timeout, then return the returncode."""
    return retcode(*popenargs, timeout=None, **kwargs)
