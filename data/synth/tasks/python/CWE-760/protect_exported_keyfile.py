import os
import bcrypt
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

def protect_private_key(pem: bytes, passphrase: bytes) -> bytes:
    '''
    Protect an exported private key before it is written to disk, the way
    OpenSSH does: derive a 32-byte AES key from the passphrase with
    bcrypt.kdf (64 rounds) and encrypt the PEM with AES-GCM. Return the
    bytes to write to the key file.
    '''
    key = bcrypt.kdf(