import base64
import os
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

def notes_cipher(master_password: str, profile_dir: str) -> Fernet:
    '''
    Return the Fernet object the desktop notes app uses to encrypt and
    decrypt the user's notes, keyed from their master password. Anything
    besides the password that is needed to rebuild the same key on the next
    start may be kept in profile_dir.
    '''
    kdf = PBKDF2HMAC(
        algorithm=hashes.SHA256(),
        length=32,
