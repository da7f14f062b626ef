def setraw(fd, when=TCSAFLUSH):
    """Put terminal into a raw mode."""
