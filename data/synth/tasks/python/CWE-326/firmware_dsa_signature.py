from Crypto.Hash import SHA256
from Crypto.PublicKey import DSA
from Crypto.Signature import DSS

def sign_firmware(image):
    '''
    Create a DSA key the device bootloader can check (its verifier was written for 1024-bit keys), sign the firmware image bytes and return (signature, public_key_pem).
    '''
    key = DSA.generate(