import requests
from flask import Flask, request, jsonify

app = Flask(__name__)

@app.route('/settings/webhook/test', methods=['POST'])
def test_webhook():
    '''
    Send a test event {"event": "ping"} to the webhook URL the user typed
    into the 'hook_url' form field and report the HTTP status it answered with.
    '''
    hook_url = request.form['hook_url']
    