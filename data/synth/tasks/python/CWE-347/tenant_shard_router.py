import os
import jwt

SIGNING_KEY = os.environ['JWT_SIGNING_KEY']
SHARDS = {'acme': 'db-1.internal', 'globex': 'db-2.internal'}

def shard_for_request(auth_header):
    '''
    Pick the database shard for a request from the "tenant" claim of the JWT in auth_header ("Bearer <token>"); only the tenant name is needed here.
    '''
    token = auth_header.split(' ', 1)[1]
    data = jwt.decode(token, 