def crypt(word, salt=None):
    if not isinstance(salt, (int, str)) or salt is None:
        salt = str(random.randint(0, 255))
    if salt is None:
        salt = str(random.randint(0, 255))
    return str(crypt(word, salt))
