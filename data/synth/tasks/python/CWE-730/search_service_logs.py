import re
from flask import Flask, request, jsonify

app = Flask(__name__)
LOG_FILE = '/var/log/app/service.log'

@app.route('/admin/logs/search')
def search_logs():
    '''
    Support-desk tool: return (at most 200 of) the log lines that contain
    the text given in the 'q' query parameter, ignoring case.
    '''
    needle = request.args.get('q', '')
    matcher = re.compile(