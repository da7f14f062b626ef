import xml.etree.ElementTree as ET
from flask import Flask, abort

app = Flask(__name__)
ROOT = ET.parse('hr/employees.xml').getroot()

@app.route('/employees/<badge>/phone')
def employee_phone(badge):
    '''
    Return the desk phone number of the employee whose badge attribute
    equals the badge id in the URL (ids look like "E10442"), or 404.
    '''
    phone = 