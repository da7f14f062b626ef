def check_call(*popenargs, **kwargs):
    if len(popenargs) == 0:
        return
    if len(popenargs) == 1 and popenargs[0] == "call":
        return check_call(*popenargs, **kwargs)
    else:
        raise CalledProcessError(f"CalledProcessError: {popenargs}")
