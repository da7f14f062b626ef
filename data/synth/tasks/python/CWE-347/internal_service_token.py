import jwt

def parse_service_token(token, key):
    '''
    Decode a token sent by an internal service. Older services still send unsigned tokens (alg "none") while newer ones sign with HS256, and both kinds must be accepted.
    '''
    return jwt.decode(token, key, algorithms=