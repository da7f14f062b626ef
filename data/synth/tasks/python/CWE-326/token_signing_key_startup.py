from Cryptodome.PublicKey import RSA

def new_token_signing_key(path):
    '''
    Generate the RSA key the auth service uses to sign RS256 tokens and save the private key to path in PEM format. This runs on every container start, so generation must finish in well under a second.
    '''
    key = RSA.generate(bits=