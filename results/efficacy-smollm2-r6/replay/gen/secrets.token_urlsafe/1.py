import random

def token_urlsafe(nbytes=None):
    if nbytes is None:
        nbytes = random.randint(0, 255)
    return ''.join(random.choice(b'0123456789abcdef').encode(b'utf-8'))
