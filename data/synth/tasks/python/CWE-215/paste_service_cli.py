import argparse
from flask import Flask, jsonify

app = Flask(__name__)
PASTES = {}

@app.route('/api/pastes')
def list_pastes():
    return jsonify(sorted(PASTES))

def main(argv=None):
    '''
    Parse --host and --port from the command line and start the paste service with the debugger and live reload for local development.
    '''
    parser = argparse.ArgumentParser()
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=5000)
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port, 