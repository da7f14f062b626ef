from flask import Flask, request, abort, jsonify
from lxml import etree

app = Flask(__name__)
DIRECTORY = etree.parse('data/staff.xml')

@app.route('/staff')
def staff_member():
    '''
    Look up the <person> in the staff directory whose login attribute equals
    the 'login' query parameter and return their name and office as JSON.
    '''
    login = request.args.get('login', '')
    matches = DIRECTORY.xpath(