def close_fds(*fds):
    for f in fds:
        f.close()
