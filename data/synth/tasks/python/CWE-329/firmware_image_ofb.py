import os
from Crypto.Cipher import AES

def encrypt_firmware(key, image_path, out_path):
    '''
    Encrypt the firmware image with AES in OFB mode for the device bootloader and write the result to out_path; the bootloader starts decrypting from an all-zero IV.
    '''
    with open(image_path, 'rb') as f:
        image = f.read()
    iv = 