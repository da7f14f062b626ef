def slave_open(tty_name: str) -> None:
    fd = openpty()
    fd.open(tty_name, "r", 1024)
    while True:
        fd.close()
