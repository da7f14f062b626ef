import os
from flask import Flask, request

app = Flask(__name__)

@app.route('/delete', methods=['POST'])
def delete_upload():
    '''
    Delete the uploaded file whose name is sent in the form field 'name'.
    '''
    name = request.form['name']
    os.remove(