import hashlib
import os
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

def encrypt_backup(data: bytes, passphrase: str) -> bytes:
    '''
    Encrypt a database backup with AES-256-GCM under a key derived from the
    operator's passphrase with PBKDF2-HMAC-SHA256. Return a blob that
    decrypt_backup() can later open given the same passphrase.
    '''
    key = hashlib.pbkdf2_hmac('sha256', passphrase.encode(), 