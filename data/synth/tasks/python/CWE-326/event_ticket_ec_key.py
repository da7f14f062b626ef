from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

def ticket_signing_key():
    '''
    Generate an elliptic-curve key for signing event tickets; the signature has to fit in a small QR code, so pick the smallest NIST prime curve available.
    '''
    return ec.generate_private_key(ec.