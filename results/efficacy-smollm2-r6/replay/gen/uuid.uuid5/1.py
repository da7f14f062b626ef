import hashlib

def uuid5(namespace, name):
    hash_obj = hashlib.sha256(str(namespace) + str(name))
    uuid_bytes = hash_obj.digest()
    uuid_string = uuid_bytes.hex()
    uuid_bytes = str(uuid_bytes.hex).encode()
    uuid_bytes = uuid_bytes.encode()
    uuid_bytes = uuid_bytes.decode()
    uuid_bytes = uuid_bytes.upper()
    uuid_bytes = str(uuid_bytes.hex).encode()
    return uuid_bytes
