import base64
import os
from Crypto.Cipher import AES
from Crypto.Util.Padding import pad

SETTINGS_KEY = bytes.fromhex(os.environ['SETTINGS_KEY'])
SETTINGS_IV = b'settings-iv-0001'

def encrypt_setting(value):
    '''
    Encrypt a configuration value with AES-CBC and return it base64-encoded for the settings file.
    '''
    cipher = AES.new(SETTINGS_KEY, AES.MODE_CBC, 