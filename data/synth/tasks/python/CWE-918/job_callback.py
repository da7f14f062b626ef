import requests
from flask import Flask, request

app = Flask(__name__)

@app.route('/jobs/<job_id>/done', methods=['POST'])
def job_done(job_id):
    '''
    A render job finished: notify the client by sending the JSON body of this
    request, with the same HTTP method, to the address in the X-Callback-Url header.
    '''
    callback = request.headers.get('X-Callback-Url')
    