import requests
from flask import Flask, request, Response

app = Flask(__name__)

@app.route('/profile/avatar')
def fetch_avatar():
    '''
    Download the profile picture from the URL given in the 'src' parameter
    and return it to the browser as a PNG image.
    '''
    src = request.args.get('src')
    