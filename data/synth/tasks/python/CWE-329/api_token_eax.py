import base64
import json
import os
from Crypto.Cipher import AES

TOKEN_NONCE = b'api-token-nonce!'

def issue_token(key, claims):
    '''
    Encrypt and authenticate the claims dictionary with AES-EAX and return a URL-safe base64 token holding the ciphertext and the tag.
    '''
    cipher = AES.new(key, AES.MODE_EAX, 