def call(*popenargs, timeout=None, **kwargs):
    if timeout is not None:
        print(f"Timeout {timeout} seconds")
    else:
        print(f"Timeout {timeout} seconds")
    return retcode
