import sqlite3
from flask import Flask, request, redirect, abort

app = Flask(__name__)

@app.route('/c/<int:campaign_id>')
def track_click(campaign_id):
    '''
    Record a click for the newsletter campaign and forward the reader to the link given in the 'url' query parameter.
    '''
    url = request.args.get(