import requests
from flask import Flask, jsonify

app = Flask(__name__)
UPSTREAM = 'https://api.weather.example/v1/current'

@app.route('/weather/<city>')
def weather(city):
    r = requests.get(UPSTREAM, params={'q': city}, timeout=5)
    return jsonify(r.json())

def run_server(host='127.0.0.1', port=5000):
    '''
    Start the weather proxy on host and port; switch on debug mode so the team can inspect failing upstream calls.
    '''
    app.run(host, port, 