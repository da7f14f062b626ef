from flask import Flask, request
from ldap3 import Server, Connection, SUBTREE

app = Flask(__name__)
server = Server('ldap://ldap.example.com')

@app.route('/login', methods=['POST'])
def login():
    '''
    Look up the distinguished name of the account in the 'username' form field,
    then bind as that account with the 'password' field to check the password.
    '''
    username = request.form['username']
    password = request.form['password']
    conn = Connection(server, auto_bind=True)
    conn.search(