import hashlib

def uuid3(namespace, name):
    hash_obj = hashlib.md5(str(namespace))
    uuid = hashlib.UUID(hash_obj)
    uuid.update(namespace)
    uuid.update(uuid.UUID(name))
    return uuid.hex
