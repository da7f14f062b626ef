from flask import Flask, request, jsonify

app = Flask(__name__)

@app.route('/api/status')
def status():
    '''
    Return the service status as JSON and let the calling site, as named in its Origin header,
    read the answer through CORS.
    '''
    resp = jsonify(status='ok')
    origin = request.headers.get('Origin')
    if origin:
        resp.headers.set(