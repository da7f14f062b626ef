import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

@pytest.fixture(scope='session')
def rsa_private_key():
    '''
    Provide an RSA private key to the tests; the suite creates many of them, so use a small key size to keep it fast.
    '''
    return rsa.generate_private_key(65537, 