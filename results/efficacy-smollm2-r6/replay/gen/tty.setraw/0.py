def setraw(fd, when=TCSAFLUSH):
    while True:
        with open(when, 'r', encoding='utf-8') as f:
            f.write(f'{when}\n')
