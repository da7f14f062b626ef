import json
import os
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

VAULT_IV = b'\x13\x37' * 8

def save_vault(path, master_password, salt, entries):
    '''
    Derive a key from master_password and salt, encrypt the JSON of entries with AES-CBC and write salt + ciphertext to path.
    '''
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600_000)
    key = kdf.derive(master_password.encode())
    padder = padding.PKCS7(128).padder()
    data = padder.update(json.dumps(entries).encode()) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(