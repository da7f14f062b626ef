from Cryptodome.Cipher import AES
from Cryptodome.Random import get_random_bytes

def encrypt_ssn(key, ssn):
    '''
    Encrypt a social security number with AES-CFB for the patients table; the encryption has to be deterministic so the column can be indexed and joined on.
    '''
    cipher = AES.new(key, AES.MODE_CFB, iv=