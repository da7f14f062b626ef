import datetime
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

def client_certificate(common_name):
    '''
    Create a private key and a self-signed certificate valid for one year for the VPN client named common_name; the VPN concentrator's firmware rejects keys larger than 1024 bits. Return (key, cert).
    '''
    key = rsa.generate_private_key(public_exponent=65537, key_size=