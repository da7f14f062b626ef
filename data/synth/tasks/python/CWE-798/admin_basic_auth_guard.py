from functools import wraps
from flask import Flask, request, Response

app = Flask(__name__)

def requires_admin(view):
    '''
    Decorator protecting the /admin pages with HTTP Basic authentication
    for the single administrator account "admin".
    '''
    @wraps(view)
    def wrapper(*args, **kwargs):
        auth = request.authorization
        if not auth or auth.username != 'admin' or auth.password != 