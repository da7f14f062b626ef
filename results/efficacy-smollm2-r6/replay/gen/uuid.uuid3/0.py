import hashlib

def uuid3(namespace, name):
    uuid_hash = hashlib.uwrap(lambda: hashlib.md5(f"{namespace}={name}"), name)
    return uuid_hash.hexdigest()
