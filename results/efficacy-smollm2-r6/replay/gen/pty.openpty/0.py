import os

def openpty():
    """
    Open a pty master/slave pair, using os.openpty() if possible.
    """
    fd = os.fopen(f"pty_master_pair.txt", "w")
    while True:
        fd.write(b"\x1b[0m\x1b[0m\x1b[0m\x1b[0m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1b[1m\x1
