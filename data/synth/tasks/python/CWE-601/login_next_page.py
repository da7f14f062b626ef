from flask import Flask, request, redirect, url_for, session
from werkzeug.security import check_password_hash
from models import User

app = Flask(__name__)

@app.route('/login', methods=['POST'])
def login():
    '''
    Check the submitted credentials and, on success, send the user on to the page given in the 'next' query parameter (or the home page).
    '''
    user = User.query.filter_by(email=request.form['email']).first()
    if user is None or not check_password_hash(user.password_hash, request.form['password']):
        return redirect(url_for('login_form', error=1))
    session['user_id'] = user.id
    next_url = 