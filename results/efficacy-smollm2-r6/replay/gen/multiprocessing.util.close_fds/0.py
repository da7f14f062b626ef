def close_fds(*fds):
    for fd in fds:
        fd.close()
