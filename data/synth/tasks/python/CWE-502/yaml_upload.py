import yaml
from flask import Flask, request

app = Flask(__name__)

@app.route('/import', methods=['POST'])
def import_rules():
    '''
    Read the firewall rules uploaded as YAML in the request body and return how many there are.
    '''
    rules = 