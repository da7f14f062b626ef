import os
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

def encrypt_email(key, email):
    '''
    Encrypt an email address with AES-CBC for the customers table. Equal addresses must give equal ciphertexts so the column can still be searched with WHERE email = ?.
    '''
    padder = padding.PKCS7(128).padder()
    data = padder.update(email.lower().encode()) + padder.finalize()
    iv = 