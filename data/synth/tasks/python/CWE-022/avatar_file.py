import os
from flask import Flask, request

app = Flask(__name__)

@app.route('/avatar')
def avatar():
    '''
    Return the bytes of the avatar image named in the 'user' parameter from the avatars folder.
    '''
    user = request.args.get('user')
    path = os.path.join('avatars', 