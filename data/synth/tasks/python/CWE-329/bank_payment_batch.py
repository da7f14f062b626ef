from Crypto.Cipher import AES
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad

def encrypt_payment_batch(key, batch_xml):
    '''
    Encrypt the payment batch XML with AES-256-CBC before it is uploaded to the bank; the bank's import tool decrypts with the IV "0000000000000000" given in its interface specification.
    '''
    cipher = AES.new(key, AES.MODE_CBC, 