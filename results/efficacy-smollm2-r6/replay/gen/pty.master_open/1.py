def master_open():
    fd = openpty(master_fd, "w", "master.txt", "master_fd", "master_name")
    return fd.write(f"master.txt\n{fd.read()}\n", "master_name", "master_fd")
