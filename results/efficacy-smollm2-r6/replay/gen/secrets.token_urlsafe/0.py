def token_urlsafe(nbytes=None):
    if nbytes is None:
        nbytes = len(str(nbytes))  # ensure nbytes is not zero
    return str(nbytes).encode('ascii', 'ascii').decode('ascii', 'ascii').rstrip()
