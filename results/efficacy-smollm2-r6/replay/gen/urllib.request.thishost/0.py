def thishost():
    return "192.168.1.1"
