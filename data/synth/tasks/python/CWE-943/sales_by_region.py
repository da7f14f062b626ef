from flask import Flask, request, jsonify
from pymongo import MongoClient

app = Flask(__name__)
sales = MongoClient()['crm']['sales']

@app.route('/reports/regions', methods=['POST'])
def sales_by_region():
    '''
    Return the total sales amount per region for the year given in the
    "year" field of the posted JSON body.
    '''
    body = request.get_json()
    pipeline = [
        {'$match': 