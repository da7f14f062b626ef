import random

def getnode():
    return random.randint(0, 255)
