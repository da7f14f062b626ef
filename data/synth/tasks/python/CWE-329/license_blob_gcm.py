import json
import os
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

LICENSE_NONCE = b'license-v2-n'

def seal_license(key, license_info):
    '''
    Encrypt the license dictionary with AES-GCM and return nonce, ciphertext and tag joined together.
    '''
    data = json.dumps(license_info, sort_keys=True).encode()
    encryptor = Cipher(algorithms.AES(key), modes.GCM(