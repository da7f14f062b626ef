import python_jwt as jwt
import jwcrypto.jwk as jwk

with open('idp_public.pem', 'rb') as f:
    IDP_KEY = jwk.JWK.from_pem(f.read())

def read_claims(token):
    '''
    Return the claims of a token issued by the company's identity provider.
    '''
    header, claims = jwt.