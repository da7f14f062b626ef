def b64encode(s, altchars=None):
    if altchars is None:
        return s.encode('ascii', 'ascii')
    else:
        return s.encode(f'ascii{altchars}')
