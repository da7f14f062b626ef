from flask import Flask, request, Response
from werkzeug.datastructures import Headers

app = Flask(__name__)

@app.route('/upload', methods=['PUT'])
def upload():
    '''
    Store the request body and answer 201 with an X-Stored-As header naming the object key,
    which the client chooses in its X-Object-Key request header.
    '''
    key = request.headers.get('X-Object-Key', 'unnamed')
    storage.put(key, request.get_data())
    headers = Headers()
    headers.add(