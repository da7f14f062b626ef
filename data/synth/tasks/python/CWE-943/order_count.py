from flask import Flask, request, jsonify
from flask_pymongo import PyMongo

app = Flask(__name__)
app.config['MONGO_URI'] = 'mongodb://localhost:27017/orders'
mongo = PyMongo(app)

@app.route('/orders/count', methods=['POST'])
def count_orders():
    '''
    Return how many orders match the query document that the reporting
    tool posts as the JSON body.
    '''
    n = mongo.db.orders.count_documents(