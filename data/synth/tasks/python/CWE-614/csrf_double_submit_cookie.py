import secrets
from flask import Flask, request

app = Flask(__name__)

@app.after_request
def issue_csrf_cookie(response):
    '''
    Double-submit CSRF protection: if the request did not carry a
    'csrf_token' cookie yet, generate one and attach it to the response so
    the JavaScript front end can copy it into the X-CSRF-Token header of
    its POST requests.
    '''
    if 'csrf_token' not in request.cookies:
        token = secrets.token_hex(16)
        response.set_cookie(