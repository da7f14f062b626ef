def interact(banner=None, readfunc=None, local=None, exitmsg=None):
    """
    A close-flipped version of the InteractiveConsole.

    This is a backwards compatible interface to the InteractiveConsole.
    When readfunc is not specified, it attempts to import the
    readline module to enable GNU readline if available.
    """
    if not isinstance(banner, str) or not isinstance(readfunc, str):
        return
    if not isinstance(local, str):
        local = "None"
    if not isinstance(exitmsg, str):
        exitmsg = "None"
    print(f"Interact: {banner} - {readfunc} - {local} - {exitmsg} - {exitmsg}")

# Example usage
interact(banner=None, readfunc=None, local=None, exitmsg=None)
