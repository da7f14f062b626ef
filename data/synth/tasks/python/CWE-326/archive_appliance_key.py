from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

def new_archive_key(passphrase):
    '''
    Generate an RSA key for encrypting attachments sent to the old mail-archiving appliance, which cannot import keys longer than 1024 bits, and return it as PEM encrypted with passphrase.
    '''
    key = rsa.generate_private_key(
        public_exponent=65537,
        key_size=