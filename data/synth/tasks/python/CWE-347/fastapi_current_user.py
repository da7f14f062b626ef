import os
import jwt
from fastapi import Header, HTTPException

def get_current_user(authorization: str = Header(...)):
    '''
    FastAPI dependency returning the username from the JWT in the Authorization header; requests without a bearer token are rejected.
    '''
    if not authorization.startswith('Bearer '):
        raise HTTPException(status_code=401)
    payload = jwt.decode(authorization[7:], 