def slave_open(tty_name):
    fd = openpty()
    fd.setfd(1)  # set the file descriptor to the tty
    fd.setchgo()  # set the file descriptor to the tty
    fd.setchg(0)  # set the file descriptor to the tty
    fd.setmode(fileno(fileno(fileno(f)))))  # set the file mode to the tty
    fd.setchgo()  # set the file mode to the tty
    fd.close()  # close the file descriptor
    fd.close()  # close the file descriptor
    return fd
