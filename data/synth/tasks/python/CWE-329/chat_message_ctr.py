import os
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

def encrypt_chat_message(room_key, text):
    '''
    Encrypt a chat message with the room's AES key in CTR mode, the counter block starting at zero, and return the ciphertext bytes.
    '''
    encryptor = Cipher(algorithms.AES(room_key), modes.CTR(