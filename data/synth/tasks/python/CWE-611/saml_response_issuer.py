import base64
from flask import Flask, request
from lxml import etree

app = Flask(__name__)

@app.route('/sso/acs', methods=['POST'])
def assertion_consumer():
    '''
    The identity provider POSTs a base64-encoded SAMLResponse form field.
    Decode it, parse the XML and return the text of its
    saml:Issuer element.
    '''
    raw = base64.b64decode(request.form['SAMLResponse'])
