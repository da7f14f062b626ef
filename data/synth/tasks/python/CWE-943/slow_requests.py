from flask import Flask, request, jsonify
from pymongo import MongoClient

app = Flask(__name__)
logs = MongoClient().monitoring.requests

@app.route('/requests/slow')
def slow_requests():
    '''
    Return the logged requests whose duration (finished - started, in ms)
    is longer than the number of milliseconds in the 'ms' parameter,
    using a $where expression.
    '''
    ms = request.args.get('ms', '1000')
    rows = logs.find({'$where': 