from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

def write_host_key(path):
    '''
    Create an RSA host key for the throwaway SSH server used by the integration tests (it is generated on every run, so it has to be quick) and write it to path as PEM.
    '''
    key = rsa.generate_private_key(public_exponent=65537, key_size=