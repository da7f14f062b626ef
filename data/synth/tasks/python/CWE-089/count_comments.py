import sqlite3
from flask import Flask, request

app = Flask(__name__)

@app.route('/comments/count')
def count_comments():
    '''
    Return how many comments the post with the id in the 'post' parameter has.
    '''
    post = request.args.get('post')
    db = sqlite3.connect('blog.db')
    n = db.execute(