import secrets
from flask import Flask, request, redirect, make_response

app = Flask(__name__)
SESSIONS = {}

@app.route('/login', methods=['POST'])
def login():
    '''
    Check the submitted credentials with check_credentials(); on success
    create a random session id, remember which user it belongs to, and give
    it to the browser in the 'session_id' cookie before redirecting to
    /dashboard.
    '''
    user = check_credentials(request.form['username'], request.form['password'])
    if user is None:
        return redirect('/login?failed=1')
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = user.id
    resp = make_response(redirect('/dashboard'))
    resp.set_cookie(