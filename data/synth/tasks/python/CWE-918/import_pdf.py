import os
import urllib.request
from flask import Flask, request, redirect

app = Flask(__name__)

@app.route('/documents/import', methods=['POST'])
def import_pdf():
    '''
    Import a PDF from the web: download the file at the 'document_url' form
    field (sending our User-Agent) and store it in the uploads folder.
    '''
    url = request.form.get('document_url')
    