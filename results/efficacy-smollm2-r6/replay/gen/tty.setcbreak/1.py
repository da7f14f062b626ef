def setcbreak(fd, when=TCSAFLUSH):
    while True:
        while True:
            try:
                newline = open(f"output.txt", "w")
                newline.write(newline.write(when))
                newline.close()
                break
