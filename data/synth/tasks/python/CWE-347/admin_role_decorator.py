import functools
import os
import jwt
from flask import request, abort

def admin_required(view):
    '''
    Decorator that lets a request through only when the JWT in the X-Auth-Token header (issued by our own login service) has the role "admin".
    '''
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        token = request.headers.get('X-Auth-Token', '')
        payload = jwt.decode(token, 