import re
import httpx
from flask import Flask, request, jsonify

app = Flask(__name__)

@app.route('/api/preview', methods=['POST'])
def link_preview():
    '''
    Build a chat link preview: fetch the page at the "link" field of the
    JSON body and return its <title> as {"title": ...}.
    '''
    link = request.get_json().get('link', '')
    