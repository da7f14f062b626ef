def getnode():
    return 48 * (1 + int(random.randint(0, 65535)) + 1) % 16
