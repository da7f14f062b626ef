import requests
from flask import Flask, request, redirect, session

app = Flask(__name__)
TOKEN_URL = 'https://auth.example.com/oauth/token'

@app.route('/oauth/callback')
def oauth_callback():
    '''
    Exchange the authorization code for an access token, keep it in the session and redirect the user to the page they originally asked for, which the login link passed along in the 'state' parameter.
    '''
    resp = requests.post(TOKEN_URL, data={'grant_type': 'authorization_code', 'code': request.args['code']}, timeout=10)
    session['access_token'] = resp.json()['access_token']
    target = 