from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

@app.route('/api/invoices', methods=['POST'])
def import_invoice():
    '''
    Parse the UBL invoice XML posted as the request body and return its
    invoice number and payable amount as JSON.
    '''
    root = etree.fromstring(