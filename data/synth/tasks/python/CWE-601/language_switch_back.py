from flask import Flask, request, redirect, session, url_for, abort

app = Flask(__name__)
LANGUAGES = {'en', 'de', 'fr', 'es'}

@app.route('/language/<code>')
def set_language(code):
    '''
    Remember the chosen interface language in the session and send the user back to the page they came from.
    '''
    if code not in LANGUAGES:
        abort(404)
    session['lang'] = code
    back = 