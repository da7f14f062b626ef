import json
from flask import Flask, request, jsonify
from pymongo import MongoClient

app = Flask(__name__)
listings = MongoClient()['realty']['listings']

@app.route('/listings/last-search')
def repeat_last_search():
    '''
    Re-run the visitor's last search: its criteria were stored as a JSON
    document in the 'last_search' cookie. Return at most 20 listings.
    '''
    saved = request.cookies.get('last_search', '{}')
    