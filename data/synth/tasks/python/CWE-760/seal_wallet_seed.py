import os
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

def seal_seed(seed: bytes, pin: str) -> dict:
    '''
    Encrypt a wallet's recovery seed with ChaCha20-Poly1305 under a key
    derived from the user's PIN with scrypt. Return a JSON-serialisable dict
    with everything (hex-encoded) that unseal_seed() needs besides the PIN.
    '''
    kdf = Scrypt(