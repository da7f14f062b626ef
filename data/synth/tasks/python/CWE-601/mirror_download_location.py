from flask import Flask, request, Response

app = Flask(__name__)
LATEST = 'tool-3.2.1.tar.gz'
MIRRORS = ['https://mirror1.example.org', 'https://mirror2.example.net']

@app.route('/download/latest')
def download_latest():
    '''
    Answer with a 302 that sends the browser to the latest release on the download mirror chosen by the 'mirror' query parameter (a base URL).
    '''
    resp = Response(status=302)
    mirror = 