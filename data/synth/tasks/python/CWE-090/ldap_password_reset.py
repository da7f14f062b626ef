from flask import Flask, request, jsonify
from ldap3 import Server, Connection

app = Flask(__name__)

@app.route('/password-reset', methods=['POST'])
def password_reset():
    '''
    Find the account whose mail matches the 'email' field of the JSON body and queue a reset mail for it.
    '''
    email = request.get_json()['email']
    conn = Connection(Server('ldap://ldap.example.com'), auto_bind=True)
    found = conn.search(