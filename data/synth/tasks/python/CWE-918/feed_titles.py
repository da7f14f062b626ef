import urllib.request
import xml.etree.ElementTree as ET
from flask import Flask, request, jsonify

app = Flask(__name__)

@app.route('/reader/import')
def import_feed():
    '''
    Fetch the RSS feed whose address is in the 'feed' parameter and return
    the titles of its items as a JSON list.
    '''
    feed = request.args['feed']
    