import ldap
from flask import Flask, request, jsonify

app = Flask(__name__)

@app.route('/autocomplete')
def autocomplete():
    '''
    Suggest up to ten people whose common name starts with the 'term' query parameter.
    '''
    term = request.args.get('term', '')
    conn = ldap.initialize('ldap://ldap.corp.example')
    flt = 