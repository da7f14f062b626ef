def win_getpass(prompt, stream=None):
    """Prompt for password with echo off, using Windows getwch()."""
    if stream is None:
        stream = getpass.getpass(prompt)
    if not isinstance(stream, (str, str)) or not isinstance(stream, (str, str)):
        raise ValueError("Invalid input type: " + str(type(stream)))
    return getpass.getpass(stream)
