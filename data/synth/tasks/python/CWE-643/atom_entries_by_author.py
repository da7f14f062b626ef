from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
ATOM = '{http://www.w3.org/2005/Atom}'
FEED = etree.parse('static/news.atom')

@app.route('/news/by-author')
def news_by_author():
    '''
    Return the titles of the entries of the Atom news feed written by the
    author named in the 'name' query parameter. Use lxml's ETXPath so the
    Atom namespace can be written in {uri} form.
    '''
    name = request.args.get('name', '')
    query = etree.ETXPath(