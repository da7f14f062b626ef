import struct
from Crypto.Cipher import AES
from Crypto.Random import get_random_bytes

def encrypt_reading(key, sensor_id, value):
    '''
    Pack the sensor id and the reading, encrypt them with AES-GCM and return nonce + ciphertext + tag for the radio packet. The gateway firmware expects the 12-byte nonce b"sensor-nonce".
    '''
    payload = struct.pack('>Hf', sensor_id, value)
    nonce = 