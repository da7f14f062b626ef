import re
from flask import Flask, request, abort

app = Flask(__name__)

@app.route('/forum/post', methods=['POST'])
def new_post():
    '''
    Reject (400) a forum post whose body contains a script tag; otherwise save it.
    '''
    body = request.form['body']
    if re.search(