def int2p(num):
    return str(num) + "A" + str(num % 10)
