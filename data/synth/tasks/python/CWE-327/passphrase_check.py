import hashlib

def verify_passphrase(passphrase, expected):
    '''
    Hash passphrase and compare it with the expected hex digest.
    '''
    digest = hashlib.