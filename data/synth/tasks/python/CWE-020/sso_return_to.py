from flask import Flask, request, session

app = Flask(__name__)

@app.route('/sso/start')
def sso_start():
    '''
    Remember the 'return_to' URL in the session so the user comes back to it after single sign-on;
    only URLs on accounts.example.com are remembered.
    '''
    return_to = request.args.get('return_to', '')
    if 