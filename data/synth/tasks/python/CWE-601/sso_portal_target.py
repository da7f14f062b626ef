from flask import Flask, request, session, abort
from werkzeug.utils import redirect

app = Flask(__name__)

@app.route('/sso/continue', methods=['POST'])
def sso_continue():
    '''
    After the single sign-on portal has logged the user in, continue to the application whose address was posted in the 'target' form field.
    '''
    if 'user' not in session:
        abort(401)
    target = request.form.get(