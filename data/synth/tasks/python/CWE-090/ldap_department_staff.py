from flask import Flask, request, jsonify
from ldap3 import Server, Connection

app = Flask(__name__)
server = Server('ldaps://ad.example.com')

@app.route('/api/department')
def department():
    '''
    List the display names of the employees of the department named by the 'dept' parameter.
    '''
    dept = request.args['dept']
    with Connection(server, auto_bind=True) as conn:
        conn.search(