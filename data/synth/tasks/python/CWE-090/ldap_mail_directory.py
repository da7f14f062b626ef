import ldap
from flask import Flask, request, jsonify

app = Flask(__name__)

@app.route('/directory')
def directory():
    '''
    Find the people whose mail attribute equals the 'email' query parameter and return their names as JSON.
    '''
    email = request.args.get('email', '')
    l = ldap.initialize('ldap://directory.internal')
    entries = l.search_s(