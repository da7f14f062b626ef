import uuid
from flask import Flask, request

app = Flask(__name__)

@app.after_request
def add_request_id(response):
    '''
    Copy the caller's X-Request-ID header to the response, or create a new id when it is missing,
    so that a request can be traced through the logs of every service.
    '''
    rid = request.headers.get('X-Request-ID') or str(uuid.uuid4())
    response.headers[