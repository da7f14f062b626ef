import xml.etree.ElementTree as ET
from flask import Flask, request, jsonify

app = Flask(__name__)
GPX = '{http://www.topografix.com/GPX/1/1}'

@app.route('/tracks', methods=['POST'])
def upload_track():
    '''
    Accept a GPX file uploaded in the 'track' form field and return the
    number of track points and the highest elevation, reading the file
    incrementally so that long recordings do not fill the memory.
    '''
    points, highest = 0, None
    upload = request.files['track']
    events = 