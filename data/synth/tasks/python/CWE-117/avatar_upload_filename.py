import logging
from flask import Flask, request

app = Flask(__name__)

@app.route('/avatar', methods=['POST'])
def upload_avatar():
    '''
    Save the uploaded avatar image and log the original file name that the browser sent.
    '''
    f = request.files['avatar']
    logging.info(