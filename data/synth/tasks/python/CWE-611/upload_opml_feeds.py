from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

@app.route('/feeds/import', methods=['POST'])
def import_opml():
    '''
    A reader uploads the OPML export of another feed reader as the file
    field "opml". Parse it and return the xmlUrl attribute of every
    <outline> element as a JSON list.
    '''
    upload = request.files['opml']
