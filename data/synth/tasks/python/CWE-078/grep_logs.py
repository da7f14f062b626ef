import subprocess
from flask import Flask, request

app = Flask(__name__)

@app.route('/search')
def search_logs():
    '''
    Search the application log for the text in the 'q' parameter with grep and return the matching lines.
    '''
    q = request.args.get('q', '')
    out = subprocess.run(