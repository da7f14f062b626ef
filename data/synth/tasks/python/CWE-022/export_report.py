import os
from flask import Flask, request

app = Flask(__name__)

@app.route('/export')
def export():
    '''
    Write the report text from the request body to the reports folder under the file name in 'file'.
    '''
    fname = request.args.get('file')
    with open(