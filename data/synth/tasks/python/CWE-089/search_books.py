import sqlite3
from flask import Flask, request

app = Flask(__name__)

@app.route('/books')
def search_books():
    '''
    Return the titles of books whose title contains the 'q' parameter.
    '''
    q = request.args.get('q')
    conn = sqlite3.connect('library.db')
    rows = conn.execute(