from flask import Flask, request, session, redirect
from lxml import etree

app = Flask(__name__)
USERS = etree.parse('/srv/intranet/users.xml')

@app.route('/login', methods=['POST'])
def login():
    '''
    Intranet users are kept in users.xml as <user name="..." pwhash="..."/>,
    pwhash being hash_password() of the password. Log the user in when an
    entry exists for the posted name and password.
    '''
    name = request.form['name']
    pwhash = hash_password(request.form['password'])
    found = USERS.xpath(