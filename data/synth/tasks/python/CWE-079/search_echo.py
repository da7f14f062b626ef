from flask import Flask, request

app = Flask(__name__)

@app.route('/find')
def find():
    '''
    Show the search term from the 'q' parameter back to the user above the (empty) results.
    '''
    q = request.args.get('q', '')
    return 