from flask import Flask, request, send_file

app = Flask(__name__)

@app.route('/asset')
def asset():
    '''
    Send the static asset whose relative path is in the 'p' parameter.
    '''
    p = request.args.get('p')
    return send_file(