import logging
from flask import Flask, request, jsonify

app = Flask(__name__)
logging.basicConfig(filename='search.log', level=logging.INFO)

@app.route('/search')
def search():
    '''
    Record each search term of the 'q' parameter in the log for analytics, then return the matching products.
    '''
    q = request.args.get('q', '')
    logging.info(