def setcbreak(fd, when=TCSAFLUSH):
    """Put terminal into a cbreak mode."""
