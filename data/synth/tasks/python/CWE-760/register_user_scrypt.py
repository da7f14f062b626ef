import hashlib
import os
from flask import Flask, request, jsonify

app = Flask(__name__)
USERS = {}

@app.route('/register', methods=['POST'])
def register():
    '''
    Create a user from the posted JSON {"username", "password"}. USERS maps
    each username to the stored form of the password, an scrypt hash.
    '''
    data = request.get_json()
    if data['username'] in USERS:
        return jsonify(error='username taken'), 409
    pw_hash = hashlib.scrypt(