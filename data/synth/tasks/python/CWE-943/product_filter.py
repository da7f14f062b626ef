import json
from flask import Flask, request, jsonify
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient('mongodb://localhost:27017')['shop']

@app.route('/products')
def products():
    '''
    List the products matching the filter that the storefront sends as a
    JSON object in the 'filter' query parameter, e.g. {"category": "books"}.
    '''
    raw = request.args.get('filter', '{}')
    docs = db.products.find(