def setraw(fd, when=TCSAFLUSH):
    with open(f"file{when}.txt", "w") as f:
        f.write(f"setraw({when} -{when}")
