import pymongo
from flask import Flask, request, jsonify

app = Flask(__name__)
inventory = pymongo.MongoClient().warehouse.inventory

@app.route('/inventory/restock', methods=['PATCH'])
def restock():
    '''
    Set the quantity to the "qty" value for every inventory item matching
    the "match" object of the JSON body; return how many items changed.
    '''
    body = request.json
    res = inventory.update_many(