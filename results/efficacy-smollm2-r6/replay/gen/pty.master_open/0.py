def master_open():
    fd = openpty(master_fd, "r", "master.txt")
    return fd.read(), f"master.txt"
