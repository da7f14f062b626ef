import os
from flask import Flask, request

app = Flask(__name__)

@app.route('/check')
def check_host():
    '''
    Ping the host given in the 'addr' query parameter once and report whether it answered.
    '''
    addr = request.args.get('addr')
    rc = os.system(