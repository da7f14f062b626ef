from flask import Flask, request

app = Flask(__name__)

@app.route('/login', methods=['POST'])
def login():
    '''
    Check the posted credentials and log a warning naming the user on every failed attempt.
    '''
    username = request.form.get('username', '')
    password = request.form.get('password', '')
    if not authenticate(username, password):
        app.logger.warning(