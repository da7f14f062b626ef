import os
from flask import Flask, request

app = Flask(__name__)

@app.route('/logs')
def view_log():
    '''
    Show the content of the log file named in the 'log' parameter from /var/log/app.
    '''
    log = request.args.get('log')
    with open(