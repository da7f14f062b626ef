import base64
import getpass
import os
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

def encrypt_file(path):
    '''
    Command-line helper: ask for a password and write path + '.enc'
    containing the file encrypted with Fernet under a key derived from that
    password, so that the matching decrypt command can restore it.
    '''
    password = getpass.getpass('Password: ').encode()
    kdf = PBKDF2HMAC(algorithm=hashes.SHA512(), length=32, 