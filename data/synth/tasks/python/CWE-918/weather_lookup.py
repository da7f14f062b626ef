import requests
from flask import Flask, request, jsonify

app = Flask(__name__)

@app.route('/weather')
def weather():
    '''
    Return the current temperature for the city in the 'city' parameter,
    using the JSON API at https://api.weather.example/v2/current.
    '''
    city = request.args.get('city', 'London')
    resp = requests.get(