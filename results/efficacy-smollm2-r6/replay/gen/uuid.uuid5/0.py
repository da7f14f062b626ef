import hashlib

def uuid5(namespace, name):
    uuid = hashlib.UUID(name=name)
    uuid_hash = uuid.sha1(name=name, hash_algorithm=hashlib.sha1)
    return uuid_hash.hexdigest()
