import hashlib

def crypt(word, salt=None):
    if not isinstance(salt, (int, float)) or not isinstance(word, str):
        salt = str(random.randint(0, 1))
    if salt is None:
        salt = hashlib.md5(word.encode()).hexdigest()
    return hashlib.crc32(word.encode(), salt.encode(), b"")
